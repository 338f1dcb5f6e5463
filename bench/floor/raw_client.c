/* The floor for one stream (bench/floor.sh): the least a client can do to measure TTFT of an SSE
 * response over HTTP/1.1, with no library. One request at a time on a schedule, non-blocking
 * socket and epoll as ttftbench's driver uses; t0 just before socket() (or before the send on a
 * kept-alive connection), each read stamped as soon as it returns, TTFT = the read holding the
 * first "data:" line. Prints "request_id,ttft_ms,error" rows for matching with `serve --log`.
 *
 *   raw_client PORT PATH REQUESTS INTERVAL_MS KEEP_ALIVE(0|1) ID_PREFIX
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { kBufferBytes = 1 << 16 };

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_until(long long at_ns) {
  struct timespec ts = {at_ns / 1000000000LL, at_ns % 1000000000LL};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
  }
}

/* Waits until fd (already in the epoll set) is ready for `events` (bounded: 10 s); 0 on success. */
static int wait_for(int epoll_fd, int fd, unsigned events) {
  struct epoll_event event = {.events = events, .data.fd = fd};
  if (epoll_ctl(epoll_fd, EPOLL_CTL_MOD, fd, &event) != 0) return -1;
  struct epoll_event ready;
  return epoll_wait(epoll_fd, &ready, 1, 10000) == 1 ? 0 : -1;
}

static int open_connection(int epoll_fd, int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct epoll_event event = {.events = EPOLLOUT, .data.fd = fd};
  epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event);  /* closing the socket removes it */
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr*)&addr, sizeof addr) != 0 &&
      (errno != EINPROGRESS || wait_for(epoll_fd, fd, EPOLLOUT) != 0)) {
    close(fd);
    return -1;
  }
  return fd;
}

/* One request on *fd (opened when -1); returns TTFT in ns, or -1 with *fd closed. */
static long long one_request(int epoll_fd, int* fd, int port, const char* request, size_t length, int keep_alive) {
  static char buffer[kBufferBytes];
  const long long t0 = now_ns();
  if (*fd < 0 && (*fd = open_connection(epoll_fd, port)) < 0) return -1;
  long long ttft = -1;
  size_t used = 0;
  const char* body = NULL;
  if (send(*fd, request, length, MSG_NOSIGNAL) != (ssize_t)length) goto failed;
  for (;;) {
    if (wait_for(epoll_fd, *fd, EPOLLIN) != 0) goto failed;
    const ssize_t n = recv(*fd, buffer + used, sizeof buffer - used - 1, 0);
    const long long stamp = now_ns();
    if (n <= 0) break;  /* the server closed: the end of a response without keep-alive */
    used += (size_t)n;
    buffer[used] = '\0';
    if (body == NULL) body = strstr(buffer, "\r\n\r\n");
    if (body != NULL && ttft < 0 && strstr(body, "data:") != NULL) ttft = stamp - t0;
    /* The chunked body's last chunk ends the response. */
    if (body != NULL && used >= 5 && memcmp(buffer + used - 5, "0\r\n\r\n", 5) == 0) break;
    if (used + 1 >= sizeof buffer) goto failed;  /* a one-token response is far smaller */
  }
  if (!keep_alive) {
    close(*fd);
    *fd = -1;
  }
  return ttft;
failed:
  close(*fd);
  *fd = -1;
  return -1;
}

int main(int argc, char** argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: %s PORT PATH REQUESTS INTERVAL_MS KEEP_ALIVE(0|1) ID_PREFIX\n", argv[0]);
    return 2;
  }
  const int port = atoi(argv[1]), requests = atoi(argv[3]), keep_alive = atoi(argv[5]);
  const long long interval_ns = atoll(argv[4]) * 1000000LL;
  const char* path = argv[2];
  const char* prefix = argv[6];
  const char* payload =
      "{\"model\":\"sim\",\"messages\":[{\"role\":\"user\",\"content\":\"fidelity\"}],\"max_tokens\":4,\"stream\":true}";
  const int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  int fd = -1;
  printf("request_id,ttft_ms,error\n");
  long long next_ns = now_ns();
  for (int i = 0; i < requests; ++i, next_ns += interval_ns) {
    char request[1024];
    const int length = snprintf(request, sizeof request,
                                "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
                                "Accept: text/event-stream\r\nX-Request-Id: %s-%d\r\n%sContent-Length: %zu\r\n\r\n%s",
                                path, port, prefix, i, keep_alive ? "" : "Connection: close\r\n", strlen(payload),
                                payload);
    sleep_until(next_ns);
    const long long ttft = one_request(epoll_fd, &fd, port, request, (size_t)length, keep_alive);
    if (ttft < 0) printf("%s-%d,,failed\n", prefix, i);
    else printf("%s-%d,%.6f,\n", prefix, i, (double)ttft / 1e6);
  }
  if (fd >= 0) close(fd);
  return 0;
}
