/* SPDX-License-Identifier: MIT */
/* The RTOS's end of the inter-VM channel (guests/channel/tern_channel.h):
 * byte rings in memory shared with the other guest, a doorbell hypercall
 * out and an interrupt in. One thread uses it: the calls do not lock. */
#ifndef RTOS_CHANNEL_H
#define RTOS_CHANNEL_H

#include <tern/types.h>

/* Attaches the doorbell's interrupt. NULL, or why there is no channel. */
const char *channel_start(void);
/* Waits until the peer rings (it has written, or made room). */
void channel_wait(void);
/* Copies up to max received bytes into buf; returns how many. */
size_t channel_receive(uint8_t *buf, size_t max);
/* Queues up to len bytes for the peer and rings it; returns how many fit. */
size_t channel_send(const uint8_t *buf, size_t len);
/* Whether the peer wrote indices no honest peer could: the channel is then
 * no longer used (nothing outside the rings was read or written). */
bool channel_broken(void);

#endif
