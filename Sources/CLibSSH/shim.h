#ifndef PANDA_CLIBSSH_SHIM_H
#define PANDA_CLIBSSH_SHIM_H
#define WITH_SERVER 1
#include <libssh/libssh.h>
#include <libssh/server.h>
#include <libssh/callbacks.h>
#include <libssh/sftp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/eventfd.h>

/* glibc declares accept4 only under _GNU_SOURCE, which Swift's Glibc module is not built with. */
int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);

/* Accepts with close-on-exec set atomically, so child processes never inherit a client socket. */
static inline int panda_ssh_accept(int fd, struct sockaddr *addr, socklen_t *length) {
    return accept4(fd, addr, length, SOCK_CLOEXEC);
}

/* `ssh_callbacks_init` is a macro Swift cannot call: these zero a callback struct and set its size,
 * which libssh checks before calling any member. */
static inline void panda_ssh_server_callbacks_init(struct ssh_server_callbacks_struct *cb) {
    memset(cb, 0, sizeof(*cb));
    ssh_callbacks_init(cb);
}

static inline void panda_ssh_channel_callbacks_init(struct ssh_channel_callbacks_struct *cb) {
    memset(cb, 0, sizeof(*cb));
    ssh_callbacks_init(cb);
}

/* A non-blocking, close-on-exec eventfd: the server's way to wake a thread blocked in poll. */
static inline int panda_ssh_eventfd(void) {
    return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

#endif
