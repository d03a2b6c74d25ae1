/* epoll instances travel as their interest lists, read from
 * /proc/self/fdinfo: the restore makes each again once the descriptors it
 * watches are back, and adds them with their events and data. A watched
 * descriptor that is not restored (a pipe inside the program, say) is left
 * out, with a line on stderr. */
#ifndef XMIG_RUNTIME_EPOLL_SETS_H
#define XMIG_RUNTIME_EPOLL_SETS_H

#include "xmig/image_format.h"

#include <stddef.h>
#include <stdint.h>

/* Whether the descriptor is an epoll instance. */
int xmig_is_epoll(int descriptor);

/* Its interest list into `targets` (room for `room`): how many there are,
 * which may be more than room; -1 when it cannot be read. */
long xmig_epoll_targets(int descriptor, struct xmig_image_epoll_target *targets, size_t room);

/* A new instance watching the targets, as a new descriptor; -1 with a
 * message in `error`. */
int xmig_recreate_epoll(int descriptor, const struct xmig_image_epoll_target *targets, size_t count,
                        char *error, size_t error_size);

#endif
