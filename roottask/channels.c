// SPDX-License-Identifier: MIT
#include <tern/string.h>
#include "channels.h"

static bool takes_part(const struct channel_desc *d, unsigned guest)
{
	return d->side[0] == guest || d->side[1] == guest;
}

/* Channel `channel`'s index among guest's channels: the order in which
 * channels_give() describes them, so also the badge bit the guest's VMM
 * sees when the peer rings it. */
static unsigned local_index(const struct channel_objects *c, unsigned guest, unsigned channel)
{
	unsigned n = 0;
	for (unsigned i = 0; i < channel; i++)
		n += c->ready[i] && takes_part(&c->system->channel[i], guest);
	return n;
}

const char *channels_create(struct channel_objects *c, const struct system_desc *system,
			    struct l4_allocator *a)
{
	memset(c, 0, sizeof(*c));
	c->system = system;
	for (unsigned i = 0; i < system->channels; i++) {
		const struct channel_desc *d = &system->channel[i];
		for (unsigned side = 0; side < 2; side++) {
			unsigned g = d->side[side];
			if (!c->notification[g] &&
			    !(c->notification[g] = l4_alloc_object(a, L4_OBJ_NOTIFICATION, 0)))
				return "out of memory for a VMM's notification";
		}
		/* retyped frames come zeroed: both rings start empty */
		for (unsigned f = 0; f < d->frames; f++)
			if (!(c->frame[i][f] = l4_alloc_object(a, L4_OBJ_FRAME_4K, 0)))
				return "out of memory for a channel's frames";
		c->ready[i] = true;
	}
	return NULL;
}

static int give_one(const struct channel_objects *c, unsigned guest, unsigned i, l4_cptr_t cnode,
		    struct l4_vmm_start *st)
{
	const struct channel_desc *d = &c->system->channel[i];
	unsigned side = d->side[1] == guest, peer = d->side[!side];
	struct l4_vmm_channel *out = &st->channel[st->channel_count];
	memset(out, 0, sizeof(*out));
	/* both names were checked to fit when the description was read */
	memcpy(out->name, d->name, strnlen(d->name, sizeof(out->name) - 1));
	memcpy(out->peer, c->system->guest[peer].name,
	       strnlen(c->system->guest[peer].name, sizeof(out->peer) - 1));
	out->side = side;
	out->first_frame = st->first_free_slot;
	for (unsigned f = 0; f < d->frames; f++) {
		int err = l4_cnode_copy(cnode, out->first_frame + f, c->frame[i][f],
					L4_RIGHT_READ | L4_RIGHT_WRITE);
		if (err)
			return err;
	}
	out->frames = d->frames;
	out->doorbell = out->first_frame + d->frames;
	/* Write only: the VMM may signal its peer, never wait on its notification */
	int err = l4_cnode_mint(cnode, out->doorbell, c->notification[peer], L4_RIGHT_WRITE,
				L4_VMM_CHANNEL_BADGE(local_index(c, peer, i)));
	if (err)
		return err;
	st->first_free_slot = out->doorbell + 1;
	st->channel_count++;
	return 0;
}

int channels_give(const struct channel_objects *c, unsigned guest, l4_cptr_t cnode,
		  struct l4_vmm_start *st)
{
	if (!c || guest >= SYSTEM_MAX_GUESTS || !c->notification[guest])
		return 0;
	st->notification = st->first_free_slot;
	int err = l4_cnode_copy(cnode, st->notification, c->notification[guest], L4_RIGHTS_ALL);
	if (err) {
		st->notification = 0;
		return err;
	}
	st->first_free_slot++;
	for (unsigned i = 0; i < c->system->channels && st->channel_count < L4_VMM_MAX_CHANNELS; i++)
		if (c->ready[i] && takes_part(&c->system->channel[i], guest) &&
		    (err = give_one(c, guest, i, cnode, st)))
			return err;
	return 0;
}
