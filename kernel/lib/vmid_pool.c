// SPDX-License-Identifier: MIT
#include <tern/vmid_pool.h>

void vmid_pool_init(struct vmid_pool *p, uint32_t limit)
{
	p->generation = 1;
	p->next = 1; /* VMID 0 stays unused: it is what HYP's own walks would see */
	p->limit = limit;
}

bool vmid_pool_assign(struct vmid_pool *p, uint32_t *vmid, uint32_t *generation)
{
	bool rolled_over = false;
	if (p->next >= p->limit) {
		p->generation++;
		if (p->generation == 0)
			p->generation = 1; /* 0 means never assigned */
		p->next = 1;
		rolled_over = true;
	}
	*vmid = p->next++;
	*generation = p->generation;
	return rolled_over;
}
