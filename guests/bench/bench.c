// SPDX-License-Identifier: MIT
// tern-bench: the rows of the classic LmBench table (the ones the L4Linux
// and OKL4 papers report), measured with LmBench's methods but timed with
// the virtual counter (CNTVCT) instead of gettimeofday. Under QEMU
// -icount shift=0 the counter counts executed instructions, so every row
// is the same on every run: one run per configuration is enough.
//
// Usage: tern-bench [ROW...]   runs the named rows (all without one) and
//        prints 'tern-bench: row NAME VALUE UNIT LABEL' per row
//        tern-bench hello      exits at once (the program lat_proc execs)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

// Repetition counts: each row runs for 15 to 35 million instructions, a few
// of Linux's 100 Hz ticks (10 million each), so that where a tick falls
// moves a row by well under a percent; a run is 1.5 G instructions.
//
// A file in tmpfs for stat, open, select, the page faults and mmap. Its
// size is LmBench's minimum for lat_pagefault.
#define DATA_FILE "/tmp/tern-bench.data"
#define DATA_FILE_BYTES (1024 * 1024)
#define PAGE_BYTES 4096u
#define MIB (1024.0 * 1024.0)

static uint32_t counter_hz;
static const char *self_path;

static uint64_t counter_read(void)
{
	uint64_t value;
	// Without the barrier the read may be taken early, out of program order.
	__asm__ volatile("isb\n\tmrrc p15, 1, %Q0, %R0, c14" : "=r"(value) : : "memory");
	return value;
}

static double ns_since(uint64_t start)
{
	return (double)(counter_read() - start) * 1e9 / counter_hz;
}

static void die(const char *what)
{
	fprintf(stderr, "tern-bench: failed: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void report(const char *name, double value, const char *unit, const char *label)
{
	printf("tern-bench: row %s %.3f %s %s\n", name, value, unit, label);
	fflush(stdout);
}

// A result the compiler must compute, so that no measured loop is dropped.
static volatile uint32_t sink;

/* ---- lat_syscall */
static void lat_syscall_null(void)
{
	const int n = 100000;
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++)
		sink += (uint32_t)getppid();
	report("lat_syscall_null", ns_since(t) / n, "ns", "null syscall (getppid)");
}

static void lat_syscall_io(const char *name, const char *path, int write_it)
{
	const int n = 50000;
	char byte = 0;
	int fd = open(path, write_it ? O_WRONLY : O_RDONLY);
	if (fd < 0)
		die(path);
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++) {
		ssize_t done = write_it ? write(fd, &byte, 1) : read(fd, &byte, 1);
		if (done != 1)
			die(path);
	}
	double ns = ns_since(t) / n;
	close(fd);
	report(name, ns, "ns", write_it ? "null I/O: write 1 byte to /dev/null"
					: "null I/O: read 1 byte from /dev/zero");
}

static void lat_syscall_stat(void)
{
	const int n = 8000;
	struct stat st;
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++)
		if (stat(DATA_FILE, &st))
			die("stat " DATA_FILE);
	report("lat_syscall_stat", ns_since(t) / n, "ns", "stat of a file in tmpfs");
}

static void lat_syscall_open(void)
{
	const int n = 5000;
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++) {
		int fd = open(DATA_FILE, O_RDONLY);
		if (fd < 0)
			die("open " DATA_FILE);
		close(fd);
	}
	report("lat_syscall_open", ns_since(t) / n, "ns", "open + close of a file in tmpfs");
}

/* ---- lat_select: n descriptors of a regular file, always ready for writing */
static void lat_select(int fds)
{
	const int n = fds > 10 ? 2500 : 10000;
	int fd[100];
	fd_set set;
	int top = 0;
	FD_ZERO(&set);
	for (int i = 0; i < fds; i++) {
		fd[i] = open(DATA_FILE, O_RDONLY);
		if (fd[i] < 0)
			die("open " DATA_FILE);
		FD_SET(fd[i], &set);
		if (fd[i] > top)
			top = fd[i];
	}
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++) {
		fd_set ready = set;
		struct timeval now = {0, 0};
		if (select(top + 1, NULL, &ready, NULL, &now) != fds)
			die("select");
	}
	double ns = ns_since(t) / n;
	for (int i = 0; i < fds; i++)
		close(fd[i]);
	char name[32], label[48];
	snprintf(name, sizeof(name), "lat_select_%d", fds);
	snprintf(label, sizeof(label), "select on %d file descriptors", fds);
	report(name, ns, "ns", label);
}

/* ---- lat_sig */
static volatile sig_atomic_t caught;
static char *prot_page;

static void on_signal(int sig)
{
	(void)sig;
	caught++;
}

static void install(int sig, void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL))
		die("sigaction");
}

static void lat_sig_install(void)
{
	const int n = 30000;
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++)
		install(SIGUSR1, on_signal);
	report("lat_sig_install", ns_since(t) / n, "ns", "signal handler installation");
}

// LmBench's catch: the cost of kill() with a handler to run, less that of
// kill(me, 0), which only checks the permission.
static double send_ns(int n)
{
	pid_t me = getpid();
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++)
		kill(me, 0);
	return ns_since(t) / n;
}

static double catch_ns(int n)
{
	pid_t me = getpid();
	install(SIGUSR1, on_signal);
	caught = 0;
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++)
		kill(me, SIGUSR1);
	double ns = ns_since(t) / n;
	if (caught != n) {
		fprintf(stderr, "tern-bench: failed: lat_sig catch: %d signals sent, %d caught\n", n,
			(int)caught);
		exit(1);
	}
	return ns;
}

static void lat_sig_catch(void)
{
	const int n = 5000;
	report("lat_sig_catch", catch_ns(n) - send_ns(n), "ns", "signal handler delivery");
}

// A write to a read-only shared mapping of a file: the SIGSEGV handler
// returns, the write faults again, until the last fault, whose handler
// makes the page writable. Less a catch, as LmBench does.
static int prot_faults;

static void on_prot_fault(int sig)
{
	(void)sig;
	if (++caught == prot_faults && mprotect(prot_page, PAGE_BYTES, PROT_READ | PROT_WRITE))
		_exit(2);
}

static void lat_sig_prot(void)
{
	const int n = 5000;
	int fd = open(DATA_FILE, O_RDWR);
	if (fd < 0)
		die("open " DATA_FILE);
	prot_page = mmap(NULL, PAGE_BYTES, PROT_READ, MAP_SHARED, fd, 0);
	if (prot_page == MAP_FAILED)
		die("mmap " DATA_FILE);
	install(SIGSEGV, on_prot_fault);
	sink += (uint32_t)prot_page[0]; // the page is mapped: only the protection faults
	caught = 0;
	prot_faults = n;
	uint64_t t = counter_read();
	*(volatile char *)prot_page = 1;
	double ns = ns_since(t) / n;
	install(SIGSEGV, SIG_DFL);
	munmap(prot_page, PAGE_BYTES);
	close(fd);
	report("lat_sig_prot", ns - catch_ns(n), "ns", "protection fault");
}

/* ---- lat_pagefault: touching each page of a freshly mapped file, in a
 * shuffled order so that Linux's fault-around cannot map ahead, less the
 * cost of the mapping and unmapping themselves */
static double map_touch_unmap_ns(int fd, const uint32_t *order, unsigned pages, int touch, int n)
{
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++) {
		char *where = mmap(NULL, DATA_FILE_BYTES, PROT_READ, MAP_SHARED, fd, 0);
		if (where == MAP_FAILED)
			die("mmap " DATA_FILE);
		if (touch)
			for (unsigned p = 0; p < pages; p++)
				sink += (uint32_t)where[order[p] * PAGE_BYTES];
		munmap(where, DATA_FILE_BYTES);
	}
	return ns_since(t) / n;
}

static void lat_pagefault(void)
{
	const unsigned pages = DATA_FILE_BYTES / PAGE_BYTES;
	const int n = 50;
	uint32_t order[DATA_FILE_BYTES / PAGE_BYTES];
	// A fixed shuffle (Fisher-Yates on a linear congruential sequence):
	// the same order on every run.
	uint32_t seed = 12345;
	for (unsigned p = 0; p < pages; p++)
		order[p] = p;
	for (unsigned p = pages - 1; p > 0; p--) {
		seed = seed * 1103515245u + 12345u;
		unsigned other = (seed >> 8) % (p + 1);
		uint32_t swap = order[p];
		order[p] = order[other];
		order[other] = swap;
	}
	int fd = open(DATA_FILE, O_RDONLY);
	if (fd < 0)
		die("open " DATA_FILE);
	double touched = map_touch_unmap_ns(fd, order, pages, 1, n);
	double bare = map_touch_unmap_ns(fd, order, pages, 0, n);
	close(fd);
	report("lat_pagefault", (touched - bare) / pages, "ns", "page fault on a mapped file");
}

/* ---- lat_mmap: map 1 MiB of a file, touch it every 160 KiB, unmap */
static void lat_mmap(void)
{
	const int n = 800;
	int fd = open(DATA_FILE, O_RDWR);
	if (fd < 0)
		die("open " DATA_FILE);
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++) {
		char *where = mmap(NULL, DATA_FILE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (where == MAP_FAILED)
			die("mmap " DATA_FILE);
		for (unsigned off = 0; off < DATA_FILE_BYTES; off += 160 * 1024)
			where[off] = 0;
		munmap(where, DATA_FILE_BYTES);
	}
	double ns = ns_since(t) / n;
	close(fd);
	report("lat_mmap", ns, "ns", "mmap + munmap of 1 MiB of a file");
}

/* ---- lat_proc */
static void wait_child(pid_t pid)
{
	int status;
	if (pid < 0)
		die("fork");
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "tern-bench: failed: a child exited badly (status 0x%x)\n", status);
		exit(1);
	}
}

static void lat_proc_fork(void)
{
	const int n = 200;
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		wait_child(pid);
	}
	report("lat_proc_fork", ns_since(t) / n, "ns", "fork + exit");
}

static void lat_proc_exec(void)
{
	const int n = 60;
	char *argv[] = {(char *)self_path, "hello", NULL};
	char *envp[] = {NULL};
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			execve(self_path, argv, envp);
			_exit(127);
		}
		wait_child(pid);
	}
	report("lat_proc_exec", ns_since(t) / n, "ns", "fork + execve");
}

static void lat_proc_shell(void)
{
	const int n = 30;
	char command[256];
	snprintf(command, sizeof(command), "%s hello", self_path);
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			execl("/bin/sh", "sh", "-c", command, (char *)NULL);
			_exit(127);
		}
		wait_child(pid);
	}
	report("lat_proc_shell", ns_since(t) / n, "ns", "fork + /bin/sh -c");
}

/* ---- lat_ctx: a token passed round a ring of processes through pipes,
 * each summing its working set when it holds the token; less the cost of
 * the pipe write, read and the sum in a single process */
static uint32_t sum_words(const uint32_t *data, size_t bytes)
{
	uint32_t sum = 0;
	for (size_t i = 0; i < bytes / sizeof(uint32_t); i++)
		sum += data[i];
	return sum;
}

static void pass_token(int from, int to, const uint32_t *data, size_t bytes)
{
	char token;
	if (read(from, &token, 1) != 1)
		_exit(0); // the ring is broken up: the measurement is over
	sink += sum_words(data, bytes);
	if (write(to, &token, 1) != 1)
		_exit(0);
}

static double ctx_overhead_ns(uint32_t *data, size_t bytes, int n)
{
	int p[2];
	char token = 't';
	if (pipe(p))
		die("pipe");
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++) {
		if (write(p[1], &token, 1) != 1 || read(p[0], &token, 1) != 1)
			die("pipe");
		sink += sum_words(data, bytes);
	}
	double ns = ns_since(t) / n;
	close(p[0]);
	close(p[1]);
	return ns;
}

static void lat_ctx(int procs, size_t bytes)
{
	const int rounds = 8000 / procs;
	int ring[16][2];
	pid_t pids[16];
	uint32_t *data = bytes ? calloc(1, bytes) : NULL;
	if (bytes && !data)
		die("calloc");
	for (int i = 0; i < procs; i++)
		if (pipe(ring[i]))
			die("pipe");
	// Process i reads pipe i-1 and writes pipe i; this one is process 0.
	for (int i = 1; i < procs; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork");
		if (pids[i] == 0) {
			uint32_t *own = bytes ? calloc(1, bytes) : NULL;
			for (;;)
				pass_token(ring[i - 1][0], ring[i][1], own, bytes);
		}
	}
	char token = 't';
	if (write(ring[0][1], &token, 1) != 1)
		die("pipe");
	for (int i = 0; i < 10; i++) // every process has run: its pages are in
		pass_token(ring[procs - 1][0], ring[0][1], data, bytes);
	uint64_t t = counter_read();
	for (int i = 0; i < rounds; i++)
		pass_token(ring[procs - 1][0], ring[0][1], data, bytes);
	double per_switch = ns_since(t) / ((double)rounds * procs);
	for (int i = 0; i < procs; i++) {
		close(ring[i][0]);
		close(ring[i][1]);
	}
	for (int i = 1; i < procs; i++) {
		kill(pids[i], SIGTERM);
		waitpid(pids[i], NULL, 0);
	}
	double ns = per_switch - ctx_overhead_ns(data, bytes, rounds * procs);
	free(data);
	char name[32], label[64];
	snprintf(name, sizeof(name), "lat_ctx_%dp_%zuk", procs, bytes / 1024);
	snprintf(label, sizeof(label), "context switch, %d processes, %zu KiB each", procs,
		 bytes / 1024);
	report(name, ns, "ns", label);
}

/* ---- lat_pipe, lat_unix: a byte to and fro between two processes; the
 * peer echoes until it is terminated */
static void round_trips(const char *name, const char *label, int out, int in, int peer_in,
			int peer_out)
{
	const int n = 2500;
	char byte = 'x';
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		while (read(peer_in, &byte, 1) == 1 && write(peer_out, &byte, 1) == 1)
			;
		_exit(0);
	}
	uint64_t t = counter_read();
	for (int i = 0; i < n; i++)
		if (write(out, &byte, 1) != 1 || read(in, &byte, 1) != 1)
			die(name);
	double ns = ns_since(t) / n;
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	report(name, ns, "ns", label);
}

static void lat_pipe(void)
{
	int to_peer[2], from_peer[2];
	if (pipe(to_peer) || pipe(from_peer))
		die("pipe");
	round_trips("lat_pipe", "pipe round trip", to_peer[1], from_peer[0], to_peer[0],
		    from_peer[1]);
	for (int i = 0; i < 2; i++) {
		close(to_peer[i]);
		close(from_peer[i]);
	}
}

static void lat_unix(void)
{
	int pair[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair))
		die("socketpair");
	round_trips("lat_unix", "AF_UNIX stream round trip", pair[0], pair[0], pair[1], pair[1]);
	close(pair[0]);
	close(pair[1]);
}

/* ---- bw_pipe, bw_unix: 64 KiB writes from a child, read here */
static void bandwidth(const char *name, const char *label, int in, int out)
{
	enum { CHUNK = 64 * 1024, TOTAL = 32 * 1024 * 1024 };
	static char buffer[CHUNK];
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(in);
		for (int sent = 0; sent < TOTAL; sent += CHUNK)
			if (write(out, buffer, CHUNK) != CHUNK)
				_exit(1);
		_exit(0);
	}
	close(out);
	long got = 0;
	uint64_t t = counter_read();
	for (ssize_t r; got < TOTAL && (r = read(in, buffer, CHUNK)) > 0;)
		got += r;
	double ns = ns_since(t);
	close(in);
	wait_child(pid);
	if (got != TOTAL) {
		fprintf(stderr, "tern-bench: failed: %s: %ld of %d bytes arrived\n", name, got, TOTAL);
		exit(1);
	}
	report(name, TOTAL / MIB / (ns / 1e9), "MB/s", label);
}

static void bw_pipe(void)
{
	int p[2];
	if (pipe(p))
		die("pipe");
	bandwidth("bw_pipe", "pipe bandwidth (64 KiB writes)", p[0], p[1]);
}

static void bw_unix(void)
{
	int pair[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair))
		die("socketpair");
	bandwidth("bw_unix", "AF_UNIX stream bandwidth (64 KiB writes)", pair[0], pair[1]);
}

/* ---- bw_mem: 1 MiB read (summed), written, copied (libc memcpy), as
 * LmBench's rd, wr and bcopy; MB/s of the bytes read or written once */
static void bw_mem(void)
{
	enum { BYTES = 1024 * 1024, PASSES = 24 };
	uint32_t *a = malloc(BYTES), *b = malloc(BYTES);
	if (!a || !b)
		die("malloc");
	memset(a, 1, BYTES);
	memset(b, 2, BYTES);
	uint64_t t = counter_read();
	for (int p = 0; p < PASSES; p++)
		sink += sum_words(a, BYTES);
	report("bw_mem_rd", PASSES * BYTES / MIB / (ns_since(t) / 1e9), "MB/s",
	       "memory read bandwidth (1 MiB)");
	t = counter_read();
	for (int p = 0; p < PASSES; p++) {
		for (size_t i = 0; i < BYTES / sizeof(uint32_t); i++)
			a[i] = (uint32_t)p;
		__asm__ volatile("" : : "r"(a) : "memory"); // the stores happen
	}
	report("bw_mem_wr", PASSES * BYTES / MIB / (ns_since(t) / 1e9), "MB/s",
	       "memory write bandwidth (1 MiB)");
	t = counter_read();
	for (int p = 0; p < 3 * PASSES; p++) {
		memcpy(b, a, BYTES);
		__asm__ volatile("" : : "r"(b) : "memory");
	}
	report("bw_mem_cp", 3 * PASSES * BYTES / MIB / (ns_since(t) / 1e9), "MB/s",
	       "memory copy bandwidth (1 MiB, memcpy)");
	free(a);
	free(b);
}

static void make_data_file(void)
{
	static char block[64 * 1024];
	memset(block, 'd', sizeof(block));
	int fd = open(DATA_FILE, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("create " DATA_FILE);
	for (int done = 0; done < DATA_FILE_BYTES; done += (int)sizeof(block))
		if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block))
			die("write " DATA_FILE);
	close(fd);
}

static void lat_read(void) { lat_syscall_io("lat_syscall_read", "/dev/zero", 0); }
static void lat_write(void) { lat_syscall_io("lat_syscall_write", "/dev/null", 1); }
static void lat_select_10(void) { lat_select(10); }
static void lat_select_100(void) { lat_select(100); }
static void lat_ctx_rows(void)
{
	static const int procs[] = {2, 4, 8, 16};
	for (size_t bytes = 0; bytes <= 16 * 1024; bytes += 16 * 1024)
		for (size_t i = 0; i < sizeof(procs) / sizeof(procs[0]); i++)
			lat_ctx(procs[i], bytes);
}

static const struct bench {
	const char *name;
	void (*run)(void);
} benches[] = {
	{"lat_syscall_null", lat_syscall_null}, {"lat_syscall_read", lat_read},
	{"lat_syscall_write", lat_write},	{"lat_syscall_stat", lat_syscall_stat},
	{"lat_syscall_open", lat_syscall_open}, {"lat_select_10", lat_select_10},
	{"lat_select_100", lat_select_100},	{"lat_sig_install", lat_sig_install},
	{"lat_sig_catch", lat_sig_catch},	{"lat_sig_prot", lat_sig_prot},
	{"lat_pagefault", lat_pagefault},	{"lat_proc_fork", lat_proc_fork},
	{"lat_proc_exec", lat_proc_exec},	{"lat_proc_shell", lat_proc_shell},
	{"lat_ctx", lat_ctx_rows},		{"lat_pipe", lat_pipe},
	{"lat_unix", lat_unix},			{"bw_pipe", bw_pipe},
	{"bw_unix", bw_unix},			{"lat_mmap", lat_mmap},
	{"bw_mem", bw_mem},
};

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "hello"))
		return 0;
	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(counter_hz));
	if (counter_hz == 0) {
		fprintf(stderr, "tern-bench: failed: CNTFRQ is 0, the counter frequency is unknown\n");
		return 1;
	}
	// execve needs a path: /proc/self/exe names this program wherever it is.
	static char self[256];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len <= 0)
		die("readlink /proc/self/exe (is /proc mounted?)");
	self[len] = '\0';
	self_path = self;
	for (int a = 1; a < argc; a++) {
		size_t b = 0;
		while (b < sizeof(benches) / sizeof(benches[0]) && strcmp(argv[a], benches[b].name))
			b++;
		if (b == sizeof(benches) / sizeof(benches[0])) {
			fprintf(stderr, "tern-bench: failed: no row group '%s'; the groups are:", argv[a]);
			for (b = 0; b < sizeof(benches) / sizeof(benches[0]); b++)
				fprintf(stderr, " %s", benches[b].name);
			fprintf(stderr, "\n");
			return 2;
		}
	}
	make_data_file();
	printf("tern-bench: start, counter at %" PRIu32 " Hz\n", counter_hz);
	for (size_t b = 0; b < sizeof(benches) / sizeof(benches[0]); b++) {
		int wanted = argc == 1;
		for (int a = 1; a < argc; a++)
			wanted |= !strcmp(argv[a], benches[b].name);
		if (wanted)
			benches[b].run();
	}
	unlink(DATA_FILE);
	printf("tern-bench: done\n");
	return 0;
}
