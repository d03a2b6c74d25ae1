/* xmig's images: ELF core files (ET_CORE) of the ISA whose state they hold.
 * Written by the runtime at capture, read by the runtime at restore, by the
 * transformer, and by gdb-multiarch as an independent oracle.
 *
 * Layout: ELF header; program headers (one PT_NOTE, then one PT_LOAD per run
 * of a migrated range: a run of all-zero pages is a PT_LOAD with no bytes in
 * the file, p_filesz 0); the notes; the loads' bytes, in program-header order.
 *
 * Notes: "CORE" NT_PRSTATUS and NT_FPREGSET in the ISA's standard layout
 * (registers as they are right after __xmig_point returns), then the "XMIG"
 * notes below, the checksum last. The checksum covers every byte of the file
 * with its own 8 bytes counted as zero, so any damaged byte is detected. */
#ifndef XMIG_IMAGE_FORMAT_H
#define XMIG_IMAGE_FORMAT_H

#include <stdint.h>

#define XMIG_IMAGE_NOTE_NAME "XMIG"
#define XMIG_IMAGE_VERSION   2

/* Note types in the "XMIG" namespace. */
enum xmig_image_note {
	XMIG_NOTE_STATE = 1,    /* struct xmig_image_state */
	XMIG_NOTE_BINARY = 2,   /* struct xmig_image_binary, then build-id, then path */
	XMIG_NOTE_CWD = 3,      /* the working directory, NUL-terminated */
	XMIG_NOTE_FILES = 4,    /* struct xmig_image_file records */
	XMIG_NOTE_SIGNALS = 5,  /* struct xmig_image_signal[XMIG_IMAGE_SIGNALS] */
	XMIG_NOTE_CHECKSUM = 6, /* uint64_t */
	/* Only in a transformed image: the frames its binary rebuilds, as
	 * struct xmig_resume_frame records (xmig/resume_frame.h), outermost
	 * first. */
	XMIG_NOTE_FRAMES = 7,
};

/* What a migrated range is; restore refuses a load outside the ranges it
 * knows, so an image cannot write anywhere else in the process. */
enum xmig_image_range {
	XMIG_RANGE_ALIGNED_DATA = 1,
	XMIG_RANGE_HEAP = 2,
	XMIG_RANGE_DATA_STACK = 3,
	XMIG_RANGE_NATIVE_STACK = 4,
};

struct xmig_image_state {
	uint32_t version;     /* XMIG_IMAGE_VERSION */
	uint32_t elf_machine; /* the ISA, as in the ELF header */
	uint64_t site_id;     /* the migration point captured at */
	uint64_t frame_count; /* frames from that point out to __xmig_main */
	uint64_t data_stack_pointer;
	uint64_t heap_end; /* end of the heap arena's used part */
	uint64_t native_stack_top;
	uint64_t ranges[4][2];    /* [range - 1] = {start, end} as captured */
	uint64_t flags;           /* XMIG_IMAGE_* */
	uint64_t blocked_signals; /* the program's signal mask: bit n-1 for signal n */
};

/* Captured with sites on the stack that the other ISA lacks: the image can be
 * restored by the same binary only, and the transformer refuses it. */
#define XMIG_IMAGE_SAME_ISA_ONLY 0x1u

struct xmig_image_binary {
	uint32_t build_id_size;
	uint32_t path_size; /* with the NUL */
	                    /* build_id_size bytes, then path_size bytes */
};

/* One open regular file; the records follow each other, each padded to 8. */
struct xmig_image_file {
	int32_t descriptor;
	int32_t flags; /* fcntl(F_GETFL)'s, portable: XMIG_IMAGE_FILE_FLAGS */
	int64_t offset;
	uint32_t path_size; /* with the NUL; the path follows, padded to 8 bytes */
	uint32_t kind;      /* XMIG_IMAGE_FILE_* */
};

/* The status flags an image keeps: those Linux numbers alike on x86_64 and
 * aarch64 (the access mode, O_APPEND 02000, O_NONBLOCK 04000, O_DSYNC
 * 010000, O_ASYNC 020000, O_SYNC 04010000, O_NOATIME 01000000), and
 * O_DIRECT, whose number differs (040000 and 0200000), as the bit below.
 * The kernel's O_LARGEFILE (0100000 and 0400000) is implied on LP64. */
#define XMIG_IMAGE_FILE_FLAGS       0x00143c03u
#define XMIG_IMAGE_FILE_FLAG_DIRECT 0x40000000u

/* Reopened by its path. */
#define XMIG_IMAGE_FILE_NAMED 0
/* A file with no name left (tmpfile, O_TMPFILE, unlinked while open): after
 * the path, a uint64_t size and that many bytes of its contents, padded to
 * 8, from which the restore makes a nameless file again. */
#define XMIG_IMAGE_FILE_ANONYMOUS 1
/* A listening socket: the path is its address as text, for people; the
 * contents are a struct xmig_image_listening_socket. It is made again, bound
 * to the same address, at restore. */
#define XMIG_IMAGE_FILE_LISTENING_SOCKET 2
/* An epoll instance: the path is "epoll"; the contents are its interest
 * list, struct xmig_image_epoll_target records. The restore makes it again
 * once the other descriptors are back, and adds them to it. */
#define XMIG_IMAGE_FILE_EPOLL 3

/* Whether a record of this kind has contents after its path. */
#define XMIG_IMAGE_FILE_HAS_CONTENTS(kind)                                                         \
	((kind) == XMIG_IMAGE_FILE_ANONYMOUS || (kind) == XMIG_IMAGE_FILE_LISTENING_SOCKET ||       \
	 (kind) == XMIG_IMAGE_FILE_EPOLL)

/* Linux numbers the socket domains, types and options used here alike on
 * x86_64 and aarch64 (AF_UNIX 1, AF_INET 2, AF_INET6 10; SOCK_STREAM 1,
 * SOCK_SEQPACKET 5), so they are kept as they are. */
struct xmig_image_listening_socket {
	int32_t domain;
	int32_t type;
	int32_t protocol;
	uint32_t options; /* XMIG_IMAGE_SOCKET_* */
	uint32_t address_size;
	uint32_t reserved;
	uint8_t address[128]; /* a struct sockaddr_storage's bytes */
};
#define XMIG_IMAGE_SOCKET_REUSEADDR 0x1u
#define XMIG_IMAGE_SOCKET_REUSEPORT 0x2u
#define XMIG_IMAGE_SOCKET_V6ONLY    0x4u

/* One descriptor in an epoll instance's interest list, as
 * /proc/self/fdinfo shows it (the events include EPOLLET, EPOLLONESHOT). */
struct xmig_image_epoll_target {
	int32_t descriptor;
	uint32_t events;
	uint64_t data;
};

#define XMIG_IMAGE_SIGNALS        64
/* A handler the program installed (handler 0: default, 1: ignored). */
struct xmig_image_signal {
	uint64_t handler;
	uint64_t flags;
	uint64_t mask; /* signals 1-64, bit n-1 for signal n */
};

#endif
