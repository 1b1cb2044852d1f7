// SPDX-License-Identifier: MIT
/* The rings' indices and data are read through volatile pointers, one
 * access each, and every offset is masked into the ring: whatever the
 * peer writes there, this side touches only the region. Its own indices
 * (the head it produces, the tail it consumes) are kept here and only
 * published, never read back, so the peer cannot move them. */
#include "board.h"
#include "channel.h"
#include "include/rtos.h"
#include "kernel/kernel.h"
#include "../channel/tern_channel.h"

static struct sem doorbell;
static uint32_t capacity, tx_head, rx_tail;
static unsigned tx_ring, rx_ring;
static bool broken, started;

static volatile uint32_t *shared_index(unsigned long offset)
{
	return (volatile uint32_t *)(board.channel.base + offset);
}

static volatile uint8_t *ring_data(unsigned ring)
{
	return (volatile uint8_t *)(board.channel.base + tern_channel_data_offset(ring, capacity));
}

static void doorbell_irq(unsigned id, void *ctx)
{
	sem_give(&doorbell);
}

static void ring_peer(void)
{
	arch_hypercall(TERN_CHANNEL_HVC_DOORBELL, board.channel.index);
}

static void peer_is_broken(const char *what)
{
	if (!broken)
		say("channel: the peer wrote a %s index beyond the ring; channel closed", what);
	broken = true;
}

const char *channel_start(void)
{
	if (board.channel_problem)
		return board.channel_problem;
	capacity = tern_channel_capacity(board.channel.size);
	if (!capacity)
		return "the channel's region holds no rings";
	tx_ring = board.channel.side;
	rx_ring = !board.channel.side;
	/* where a previous run of this guest stopped (0 on a fresh region);
	 * checked at first use like every index */
	tx_head = *shared_index(tern_channel_head_offset(tx_ring));
	rx_tail = *shared_index(tern_channel_tail_offset(rx_ring));
	sem_init(&doorbell, 0);
	const char *bad = irq_attach(board.channel.irq, doorbell_irq, NULL);
	if (bad)
		return bad;
	arch_irq_enable(board.channel.irq);
	started = true;
	return NULL;
}

void channel_wait(void)
{
	sem_take(&doorbell, RTOS_FOREVER);
}

bool channel_broken(void)
{
	return broken;
}

size_t channel_receive(uint8_t *buf, size_t max)
{
	if (!started || broken)
		return 0;
	uint32_t head = *shared_index(tern_channel_head_offset(rx_ring));
	arch_shared_memory_barrier(); /* the data the head covers, after the head */
	uint32_t fill = tern_channel_fill(head, rx_tail, capacity);
	if (fill == TERN_CHANNEL_BROKEN) {
		peer_is_broken("head");
		return 0;
	}
	size_t n = fill < max ? fill : max;
	volatile uint8_t *data = ring_data(rx_ring);
	for (size_t i = 0; i < n; i++)
		buf[i] = data[(rx_tail + i) & (capacity - 1)];
	arch_shared_memory_barrier(); /* done reading before the peer may overwrite */
	rx_tail += (uint32_t)n;
	*shared_index(tern_channel_tail_offset(rx_ring)) = rx_tail;
	if (n && fill == capacity)
		ring_peer(); /* it may wait for room */
	return n;
}

size_t channel_send(const uint8_t *buf, size_t len)
{
	if (!started || broken)
		return 0;
	uint32_t tail = *shared_index(tern_channel_tail_offset(tx_ring));
	arch_shared_memory_barrier(); /* the peer's reads of the old bytes are done */
	uint32_t fill = tern_channel_fill(tx_head, tail, capacity);
	if (fill == TERN_CHANNEL_BROKEN) {
		peer_is_broken("tail");
		return 0;
	}
	uint32_t room = capacity - fill;
	size_t n = len < room ? len : room;
	volatile uint8_t *data = ring_data(tx_ring);
	for (size_t i = 0; i < n; i++)
		data[(tx_head + i) & (capacity - 1)] = buf[i];
	arch_shared_memory_barrier(); /* the bytes before the head that covers them */
	tx_head += (uint32_t)n;
	*shared_index(tern_channel_head_offset(tx_ring)) = tx_head;
	if (n)
		ring_peer();
	return n;
}
