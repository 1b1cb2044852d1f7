/* SPDX-License-Identifier: MIT */
/* The inter-VM channel's shared memory, as both guests see it: one region
 * of whole 4 KiB frames (the reg of the "tern,channel" node their VMMs add
 * to their device trees), zeroed by the root task before either guest
 * runs, holding two single-producer single-consumer byte rings, one per
 * direction. Side 0 (the first guest of the system description's
 * `guests` property) produces into ring 0 and consumes ring 1; side 1 the
 * opposite. The data are a byte stream; what the bytes mean is the
 * users' protocol (the handset's: command and reply lines, guests/rtos/
 * channel.c).
 *
 * Layout of a region of `size` bytes (a multiple of 4096):
 *
 *   0x000  ring 0's head    written by side 0 only
 *   0x040  ring 0's tail    written by side 1 only
 *   0x080  ring 1's head    written by side 1 only
 *   0x0c0  ring 1's tail    written by side 0 only
 *   0x100  ring 0's data    tern_channel_capacity(size) bytes
 *   ...    ring 1's data    the same, right after
 *
 * Each index sits in its own 64-byte line, so that a cache line is only
 * ever written by one side. Head and tail are free-running byte counts
 * (they wrap at 2^32); the byte at count n lies at data[n & (capacity - 1)],
 * the capacity being a power of two, so that the difference head - tail is
 * the fill level across the wrap too.
 *
 * Producer: reads its own head from private memory (never back from the
 * shared region), reads tail, writes the bytes, then a write barrier,
 * then stores head + n. Consumer: reads head, then a read barrier, then
 * the bytes, then a full barrier (its reads of the data are done) before
 * it stores tail + n. After either step it rings the doorbell (a
 * hypercall), so that the peer learns of new data or new room.
 *
 * The peer is untrusted: it may write anything at any time into the whole
 * region. A side therefore keeps its own index privately and only
 * publishes it, masks every offset it computes with capacity - 1, and
 * treats a fill level above the capacity (head - tail > capacity) as a
 * broken peer (tern_channel_fill() returns TERN_CHANNEL_BROKEN) rather
 * than reading or writing outside the ring.
 *
 * The doorbell: a guest rings its peer with HVC #0, r0 =
 * TERN_CHANNEL_HVC_DOORBELL, r1 = the channel's index among its own
 * channels (the node's "tern,index"); r0 comes back 0, or
 * TERN_CHANNEL_HVC_NO_CHANNEL. The peer's VMM raises the node's
 * edge-triggered interrupt in the peer.
 *
 * No Linux or RTOS dependency: the includer provides uint32_t (linux/types.h
 * in Linux, tern/types.h in the RTOS). */
#ifndef TERN_CHANNEL_H
#define TERN_CHANNEL_H

#define TERN_CHANNEL_COMPATIBLE "tern,channel"
/* SMCCC (ARM DEN 0028) fast call, 32-bit, owner 6: vendor-specific
 * hypervisor service, function 1 */
#define TERN_CHANNEL_HVC_DOORBELL 0x86000001u
#define TERN_CHANNEL_HVC_NO_CHANNEL 0xfffffffeu /* -2: invalid parameter */

#define TERN_CHANNEL_FRAME_SIZE 4096u
#define TERN_CHANNEL_LINE 64u
#define TERN_CHANNEL_DATA_OFFSET (4u * TERN_CHANNEL_LINE)
#define TERN_CHANNEL_BROKEN 0xffffffffu

/* Byte offsets of ring r's (0 or 1) indices and data in the region. */
static inline unsigned long tern_channel_head_offset(unsigned ring)
{
	return (unsigned long)(ring & 1u) * 2u * TERN_CHANNEL_LINE;
}

static inline unsigned long tern_channel_tail_offset(unsigned ring)
{
	return tern_channel_head_offset(ring) + TERN_CHANNEL_LINE;
}

/* Each ring's capacity: the largest power of two that lets both rings fit
 * after the indices; 0 for a region too small to hold a channel. */
static inline uint32_t tern_channel_capacity(unsigned long size)
{
	if (size < TERN_CHANNEL_FRAME_SIZE)
		return 0;
	uint32_t room = (uint32_t)((size - TERN_CHANNEL_DATA_OFFSET) / 2u), capacity = 1;
	while (capacity * 2u <= room && capacity < 0x40000000u)
		capacity *= 2u;
	return capacity;
}

static inline unsigned long tern_channel_data_offset(unsigned ring, uint32_t capacity)
{
	return TERN_CHANNEL_DATA_OFFSET + (unsigned long)(ring & 1u) * capacity;
}

/* Bytes in a ring from its two indices, or TERN_CHANNEL_BROKEN when the
 * peer wrote an index no honest producer or consumer could have. */
static inline uint32_t tern_channel_fill(uint32_t head, uint32_t tail, uint32_t capacity)
{
	uint32_t fill = head - tail;
	return fill > capacity ? TERN_CHANNEL_BROKEN : fill;
}

#endif
