// SPDX-License-Identifier: MIT
#include <arch/thread.h>
#include <tern/vspace.h>

static void *vspace_table[VSPACE_ID_COUNT];
static uint32_t next_free_hint = ROOT_VSPACE_ID + 1;

uint32_t vspace_id(void *vspace_object)
{
	uint32_t id = arch_vspace_object_id(vspace_object);
	if (id)
		return id;
	for (uint32_t n = 0; n < VSPACE_ID_COUNT - 1; n++) {
		id = 1 + (next_free_hint - 1 + n) % (VSPACE_ID_COUNT - 1);
		if (!vspace_table[id]) {
			vspace_table[id] = vspace_object;
			arch_vspace_object_set_id(vspace_object, id);
			next_free_hint = id + 1;
			return id;
		}
	}
	return 0;
}

void vspace_register(void *vspace_object, uint32_t id)
{
	vspace_table[id] = vspace_object;
}

void *vspace_lookup(uint32_t id)
{
	return id < VSPACE_ID_COUNT ? vspace_table[id] : NULL;
}

void vspace_destroy(void *vspace_object)
{
	uint32_t id = arch_vspace_object_id(vspace_object);
	if (id && id < VSPACE_ID_COUNT && vspace_table[id] == vspace_object)
		vspace_table[id] = NULL;
	/* its hardware VMID is not reused before the next generation, whose
	 * start drops every stale TLB entry */
}
