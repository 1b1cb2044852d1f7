// SPDX-License-Identifier: MIT
/* The split virtqueue's three areas (virtio 1.x, 2.7):
 *
 *   descriptor table  size x {le64 addr; le32 len; le16 flags; le16 next}
 *   available ring    le16 flags; le16 idx; le16 ring[size]; le16 used_event
 *   used ring         le16 flags; le16 idx; {le32 id; le32 len}[size]; le16 avail_event
 *
 * The areas are checked once, when the driver makes the queue ready; each
 * descriptor is copied out of guest RAM before it is checked, so the guest
 * cannot change it between check and use. Tern's hosts are little-endian,
 * like virtio 1.x. */
#include <tern/printf.h>
#include <tern/string.h>
#include "virtqueue.h"

#define DESC_BYTES 16u
#define AVAIL_RING 4u
#define USED_RING 4u
#define USED_ELEM_BYTES 8u

struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
_Static_assert(sizeof(struct desc) == DESC_BYTES, "virtq descriptor layout");

static uint32_t desc_bytes(uint32_t size) { return DESC_BYTES * size; }
static uint32_t avail_bytes(uint32_t size) { return AVAIL_RING + 2 * size + 2; }
static uint32_t used_bytes(uint32_t size) { return USED_RING + USED_ELEM_BYTES * size + 2; }

static uint16_t load16(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static void store16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, sizeof(v));
}

static void store32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

void virtq_reset(struct virtq *q, uint32_t max_size)
{
	*q = (struct virtq){.size = max_size};
}

static __attribute__((format(printf, 2, 3))) const char *fail(struct virtq *q, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(q->error, sizeof(q->error), fmt, ap);
	va_end(ap);
	return q->error;
}

const char *virtq_check(struct virtq *q, const struct guest_ram *ram, uint32_t max_size)
{
	uint32_t n = q->size;
	if (!n || n > max_size || (n & (n - 1)))
		return fail(q, "size %u is not a power of two from 1 to %u", n, max_size);
	if (q->desc % 16 || q->avail % 2 || q->used % 4)
		return fail(q, "an area is misaligned (descriptor table 0x%llx, available ring "
			    "0x%llx, used ring 0x%llx: 16, 2 and 4-byte alignment needed)",
			    (unsigned long long)q->desc, (unsigned long long)q->avail,
			    (unsigned long long)q->used);
	if (!guest_ram_range(ram, q->desc, desc_bytes(n)))
		return fail(q, "descriptor table (%u bytes at 0x%llx) outside guest RAM",
			    desc_bytes(n), (unsigned long long)q->desc);
	if (!guest_ram_range(ram, q->avail, avail_bytes(n)))
		return fail(q, "available ring (%u bytes at 0x%llx) outside guest RAM",
			    avail_bytes(n), (unsigned long long)q->avail);
	if (!guest_ram_range(ram, q->used, used_bytes(n)))
		return fail(q, "used ring (%u bytes at 0x%llx) outside guest RAM", used_bytes(n),
			    (unsigned long long)q->used);
	return NULL;
}

const char *virtq_pop(struct virtq *q, const struct guest_ram *ram, struct virtq_chain *chain,
		      bool *found)
{
	*found = false;
	uint8_t *avail = guest_ram_range(ram, q->avail, avail_bytes(q->size));
	uint8_t *table = guest_ram_range(ram, q->desc, desc_bytes(q->size));
	if (!q->ready || !avail || !table)
		return fail(q, "used while not ready");
	uint16_t pending = (uint16_t)(load16(avail + 2) - q->next_avail);
	if (!pending)
		return NULL;
	if (pending > q->size)
		return fail(q, "the available ring's index is %u entries ahead, more than the queue's "
			    "%u", pending, q->size);
	/* the ring entries are read after the index that announced them */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	uint16_t head = load16(avail + AVAIL_RING + 2 * (q->next_avail % q->size));
	if (head >= q->size)
		return fail(q, "available-ring entry names descriptor %u, beyond the queue's %u", head,
			    q->size);
	chain->head = head;
	chain->count = 0;
	bool writable_seen = false;
	for (uint16_t i = head;;) {
		if (chain->count == q->size)
			return fail(q, "the descriptor chain from %u loops or is longer than the queue "
				    "(%u)", head, q->size);
		struct desc d;
		memcpy(&d, table + DESC_BYTES * i, sizeof(d));
		if (d.flags & VIRTQ_DESC_F_INDIRECT)
			return fail(q, "descriptor %u is indirect (VIRTIO_F_INDIRECT_DESC was not "
				    "offered)", i);
		uint8_t *host = guest_ram_range(ram, d.addr, d.len);
		if (!host)
			return fail(q, "descriptor %u's buffer (0x%llx, %u bytes) is not in guest RAM", i,
				    (unsigned long long)d.addr, d.len);
		bool writable = d.flags & VIRTQ_DESC_F_WRITE;
		if (writable_seen && !writable)
			return fail(q, "descriptor %u, device-readable, follows a device-writable one",
				    i);
		writable_seen |= writable;
		chain->buf[chain->count++] = (struct virtq_buf){host, d.len, writable};
		if (!(d.flags & VIRTQ_DESC_F_NEXT))
			break;
		if (d.next >= q->size)
			return fail(q, "descriptor %u's next index %u lies beyond the queue (%u)", i,
				    d.next, q->size);
		i = d.next;
	}
	q->next_avail++;
	*found = true;
	return NULL;
}

void virtq_push(struct virtq *q, const struct guest_ram *ram, uint16_t head, uint32_t written)
{
	uint8_t *used = guest_ram_range(ram, q->used, used_bytes(q->size));
	if (!q->ready || !used)
		return; /* checked when the queue was made ready: cannot happen */
	uint8_t *elem = used + USED_RING + USED_ELEM_BYTES * (q->used_idx % q->size);
	store32(elem, head);
	store32(elem + 4, written);
	/* the element is visible before the index that announces it */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	store16(used + 2, ++q->used_idx);
}

bool virtq_wants_interrupt(const struct virtq *q, const struct guest_ram *ram)
{
	const uint8_t *avail = guest_ram_range(ram, q->avail, avail_bytes(q->size));
	return avail && !(load16(avail) & VIRTQ_AVAIL_F_NO_INTERRUPT);
}
