/* Temporary files: a private directory for intermediate objects, archives
 * and scripts, and files written next to the outputs before they are renamed
 * into place. All of them are removed when the driver exits, however it
 * exits short of being killed outright. */
#ifndef XMIG_DRIVER_SCRATCH_H
#define XMIG_DRIVER_SCRATCH_H

/* The private directory, made on first use; NULL (with a message) when it
 * cannot be made. */
const char *xmig_scratch_directory(void);
/* A fresh path inside the private directory, made unique by a counter:
 * "<directory>/<counter>-<name>". NULL when the directory cannot be made. */
char *xmig_scratch_path(const char *name);

/* Removes path at exit unless xmig_scratch_keep(path) is called first. */
void xmig_scratch_remove_at_exit(const char *path);
void xmig_scratch_keep(const char *path);

/* Removes everything now; safe to call more than once. */
void xmig_scratch_clean(void);

#endif
