#ifndef PANDA_CMICROHTTPD_SHIM_H
#define PANDA_CMICROHTTPD_SHIM_H
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

/* `MHD_start_daemon`, `MHD_get_daemon_info` and `MHD_get_connection_info` are variadic, which Swift cannot
 * call: typed helpers instead, each passing exactly the options Panda uses. */

/* Starts a daemon with `worker_threads` threads, each polling its share of the connections (epoll) and
 * running their handlers, bound to `address`. `tls_key_pem` and `tls_cert_pem` (both or neither) switch it
 * to HTTPS. NULL on failure. */
static inline struct MHD_Daemon *panda_mhd_start(
    unsigned int flags, unsigned int worker_threads, const struct sockaddr *address,
    MHD_AccessHandlerCallback handler, void *handler_context, MHD_RequestCompletedCallback completed,
    void *completed_context, unsigned int connection_limit, unsigned int connection_timeout_seconds,
    unsigned int listen_backlog, const char *tls_key_pem, const char *tls_cert_pem) {
    uint16_t port = 0;
    if (address->sa_family == AF_INET) {
        port = ntohs(((const struct sockaddr_in *)address)->sin_port);
    } else if (address->sa_family == AF_INET6) {
        port = ntohs(((const struct sockaddr_in6 *)address)->sin6_port);
        flags |= MHD_USE_IPv6;
    }
    if (tls_key_pem != NULL && tls_cert_pem != NULL) {
        return MHD_start_daemon(
            flags | MHD_USE_TLS, port, NULL, NULL, handler, handler_context,
            MHD_OPTION_THREAD_POOL_SIZE, worker_threads,
            MHD_OPTION_SOCK_ADDR, address,
            MHD_OPTION_NOTIFY_COMPLETED, completed, completed_context,
            MHD_OPTION_CONNECTION_LIMIT, connection_limit,
            MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout_seconds,
            MHD_OPTION_LISTEN_BACKLOG_SIZE, listen_backlog,
            MHD_OPTION_HTTPS_MEM_KEY, tls_key_pem,
            MHD_OPTION_HTTPS_MEM_CERT, tls_cert_pem,
            MHD_OPTION_END);
    }
    return MHD_start_daemon(
        flags, port, NULL, NULL, handler, handler_context,
        MHD_OPTION_THREAD_POOL_SIZE, worker_threads,
        MHD_OPTION_SOCK_ADDR, address,
        MHD_OPTION_NOTIFY_COMPLETED, completed, completed_context,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout_seconds,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, listen_backlog,
        MHD_OPTION_END);
}

/* The flags Panda starts every daemon with: internal worker threads using epoll (no FD_SETSIZE limit), an
 * inter-thread channel so stopping wakes every thread, and suspending a connection while its request is
 * handled on another thread (resuming wakes its worker through that channel). */
static inline unsigned int panda_mhd_worker_pool_flags(void) {
    return MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
}

/* The port the daemon is bound to (resolves port 0); 0 when unknown. */
static inline uint16_t panda_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/* Writes the client's address as text into `out` (at least INET6_ADDRSTRLEN bytes); 0 on success. */
static inline int panda_mhd_client_address(struct MHD_Connection *connection, char *out, socklen_t size) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL) return -1;
    const struct sockaddr *address = info->client_addr;
    const void *raw = NULL;
    if (address->sa_family == AF_INET) {
        raw = &((const struct sockaddr_in *)address)->sin_addr;
    } else if (address->sa_family == AF_INET6) {
        raw = &((const struct sockaddr_in6 *)address)->sin6_addr;
    } else {
        return -1;
    }
    return inet_ntop(address->sa_family, raw, out, size) == NULL ? -1 : 0;
}

#endif
