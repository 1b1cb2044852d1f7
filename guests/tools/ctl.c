// SPDX-License-Identifier: MIT
// tern-ctl: asks the RTOS over the inter-VM channel (/dev/ttyTERN0) to
// play or pause its video, or for its statistics, and prints its one-line
// reply. Exits 0 for an "ok" or statistics reply, 1 for an error reply,
// 2 when the channel cannot be used or the RTOS does not answer in time.
//
//   tern-ctl play|pause|stats [--device PATH] [--timeout MS]
//   tern-ctl --raw TEXT       sends TEXT as the command line unchecked
//                             (for tests: a malformed command)
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_DEVICE "/dev/ttyTERN0"
#define DEFAULT_TIMEOUT_MS 2000
#define REPLY_MAX 256

static void usage(void)
{
	fprintf(stderr, "usage: tern-ctl play|pause|stats [--device PATH] [--timeout MS]\n"
			"       tern-ctl --raw TEXT [--device PATH] [--timeout MS]\n");
	exit(2);
}

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int write_all(int fd, const char *text, size_t length)
{
	while (length) {
		ssize_t n = write(fd, text, length);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) { // the ring is full: the RTOS drains it as it reads
			usleep(1000);
			continue;
		}
		text += n;
		length -= (size_t)n;
	}
	return 0;
}

// Reads one line (without its newline) within timeout_ms; -1 on timeout.
static int read_line(int fd, char *line, size_t size, int timeout_ms)
{
	size_t length = 0;
	long long deadline = now_ms() + timeout_ms;
	for (;;) {
		long long left = deadline - now_ms();
		if (left <= 0)
			return -1;
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		char c;
		ssize_t n = read(fd, &c, 1);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return -1;
		if (c == '\n') {
			line[length] = 0;
			return 0;
		}
		if (length < size - 1)
			line[length++] = c;
	}
}

int main(int argc, char **argv)
{
	const char *device = DEFAULT_DEVICE, *command = NULL;
	int timeout_ms = DEFAULT_TIMEOUT_MS;
	int raw = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--device") && i + 1 < argc)
			device = argv[++i];
		else if (!strcmp(argv[i], "--timeout") && i + 1 < argc)
			timeout_ms = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--raw") && i + 1 < argc && !command)
			command = argv[++i], raw = 1;
		else if (argv[i][0] != '-' && !command)
			command = argv[i];
		else
			usage();
	}
	if (!command || timeout_ms <= 0)
		usage();
	if (!raw && strcmp(command, "play") && strcmp(command, "pause") && strcmp(command, "stats"))
		usage();
	if (strchr(command, '\n')) {
		fprintf(stderr, "tern-ctl: a command is one line\n");
		return 2;
	}

	int fd = open(device, O_RDWR | O_NOCTTY);
	if (fd < 0) {
		fprintf(stderr, "tern-ctl: %s: %s\n", device, strerror(errno));
		return 2;
	}
	// raw, whatever the last user left: the RTOS's bytes must not be
	// echoed back to it as a command
	struct termios t;
	if (tcgetattr(fd, &t) == 0) {
		cfmakeraw(&t);
		tcsetattr(fd, TCSANOW, &t);
	}
	// a reply an earlier, interrupted tern-ctl never read is not ours
	tcflush(fd, TCIFLUSH);

	char line[REPLY_MAX];
	snprintf(line, sizeof(line), "%s\n", command);
	if (write_all(fd, line, strlen(line))) {
		fprintf(stderr, "tern-ctl: writing to %s: %s\n", device, strerror(errno));
		return 2;
	}
	if (read_line(fd, line, sizeof(line), timeout_ms)) {
		fprintf(stderr, "tern-ctl: no reply from the RTOS within %d ms\n", timeout_ms);
		return 2;
	}
	printf("%s\n", line);
	return strncmp(line, "error", 5) ? 0 : 1;
}
