/* Listening sockets travel as their address and options: the restore makes
 * a new socket and binds it where the old one was, since the kernel's
 * socket stays behind. Connections waiting to be accepted at the capture,
 * and those that arrive before the restore has bound again, are refused;
 * established connections are not carried (docs/checkpoint.md). */
#ifndef XMIG_RUNTIME_LISTENING_SOCKETS_H
#define XMIG_RUNTIME_LISTENING_SOCKETS_H

#include "xmig/image_format.h"

#include <stddef.h>

/* 1 when the descriptor is a listening socket, with its record and its
 * address as text; 0 when it is not one. */
int xmig_describe_listening_socket(int descriptor, struct xmig_image_listening_socket *socket,
                                   char *name, size_t name_size);

/* A new socket like the recorded one, listening, as a new descriptor with
 * the status flags `flags`; -1 with a message in `error`. */
int xmig_recreate_listening_socket(const struct xmig_image_listening_socket *socket, int flags,
                                   char *error, size_t error_size);

#endif
