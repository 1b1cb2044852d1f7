// SPDX-License-Identifier: MIT
#include <arch/thread.h>
#include <tern/vspace.h>

static void *vmid_table[VMID_COUNT];

uint32_t vspace_vmid(void *vspace_object)
{
	uint32_t vmid = arch_vspace_object_vmid(vspace_object);
	if (vmid)
		return vmid;
	for (vmid = 1; vmid < VMID_COUNT; vmid++) {
		if (!vmid_table[vmid]) {
			vmid_table[vmid] = vspace_object;
			arch_vspace_object_init(vspace_object, vmid);
			return vmid;
		}
	}
	return 0;
}

void vspace_register(void *vspace_object, uint32_t vmid)
{
	vmid_table[vmid] = vspace_object;
}

void *vspace_lookup(uint32_t vmid)
{
	return vmid < VMID_COUNT ? vmid_table[vmid] : NULL;
}

void vspace_destroy(void *vspace_object)
{
	uint32_t vmid = arch_vspace_object_vmid(vspace_object);
	if (!vmid || vmid_table[vmid] != vspace_object)
		return;
	vmid_table[vmid] = NULL;
	arch_vspace_forget(vmid); /* the VMID may be reused: drop its TLB entries */
}
