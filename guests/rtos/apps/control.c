// SPDX-License-Identifier: MIT
/* The control server: commands from Linux over the inter-VM channel, one
 * line each, answered with one line.
 *
 *   play    resume the video          -> "ok playing"
 *   pause   stop the video on its     -> "ok paused"
 *           current frame
 *   stats   the video's frames and    -> "frames=N playing=0|1
 *           the 1 kHz task's lateness     worst_late_ticks=N p99_late_ticks=N"
 *   crash   make a hypercall that no  -> "ok crashing", then the
 *           VMM answers: a guest with    RTOS is gone (its VMM stops it,
 *           strict hypercalls is         the supervisor starts it again)
 *           stopped by it
 *   other                             -> "error unknown command 'TEXT'"
 *
 * A line longer than LINE_MAX is answered "error line too long" once its
 * end arrives. Woken by the channel's doorbell only: it never polls. */
#include "../channel.h"
#include "../include/rtos.h"
#include <tern/printf.h>
#include <tern/string.h>
#include "apps.h"
#include "../arch/arch.h"

/* In the SMCCC range for hypervisor services, and no call of Tern's. */
#define NO_SUCH_HYPERCALL 0x86ffffffu

#define LINE_MAX 64
#define REPLY_MAX 128
#define ECHO_MAX 32

static char line[LINE_MAX];
static size_t line_length;
static bool line_too_long;

static void reply(const char *text)
{
	size_t length = strlen(text), sent = 0;
	/* the peer drains the ring as it reads: wait for room, never drop */
	while (sent < length && !channel_broken()) {
		sent += channel_send((const uint8_t *)text + sent, length - sent);
		if (sent < length)
			channel_wait();
	}
}

/* The command, shown back printable only (it comes from the other guest). */
static void unknown(const char *command)
{
	char echo[ECHO_MAX + 1], text[REPLY_MAX];
	size_t n = 0;
	for (; command[n] && n < ECHO_MAX; n++)
		echo[n] = command[n] >= 0x20 && command[n] < 0x7f ? command[n] : '?';
	echo[n] = 0;
	ksnprintf(text, sizeof(text), "error unknown command '%s'\n", echo);
	reply(text);
}

static void serve(const char *command)
{
	char text[REPLY_MAX];
	if (!strcmp(command, "play")) {
		video_set_playing(true);
		reply("ok playing\n");
	} else if (!strcmp(command, "pause")) {
		video_set_playing(false);
		reply("ok paused\n");
	} else if (!strcmp(command, "stats")) {
		struct video_stats v;
		struct periodic_stats p;
		video_read_stats(&v);
		periodic_read_stats(&p);
		ksnprintf(text, sizeof(text), "frames=%u playing=%u worst_late_ticks=%llu "
			  "p99_late_ticks=%llu\n", v.frames, video_playing() ? 1u : 0u, p.worst_late,
			  p.p99_late);
		reply(text);
	} else if (!strcmp(command, "crash")) {
		reply("ok crashing\n");
		arch_hypercall(NO_SUCH_HYPERCALL, 0);
		reply("error still here: the hypervisor let an unknown call through\n");
	} else {
		unknown(command);
	}
}

static void take(uint8_t byte)
{
	if (byte == '\r')
		return;
	if (byte != '\n') {
		if (line_length < LINE_MAX - 1)
			line[line_length++] = (char)byte;
		else
			line_too_long = true;
		return;
	}
	line[line_length] = 0;
	if (line_too_long)
		reply("error line too long\n");
	else if (line_length)
		serve(line);
	line_length = 0;
	line_too_long = false;
}

void control_thread(void *arg)
{
	const char *bad = channel_start();
	if (bad) {
		say("control: no channel to Linux (%s)", bad);
		return;
	}
	say("control: serving commands on the channel");
	for (;;) {
		uint8_t chunk[32];
		size_t n;
		while ((n = channel_receive(chunk, sizeof(chunk))) > 0)
			for (size_t i = 0; i < n; i++)
				take(chunk[i]);
		if (channel_broken())
			return;
		channel_wait();
	}
}
