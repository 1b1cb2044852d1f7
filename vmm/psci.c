// SPDX-License-Identifier: MIT
/* PSCI (ARM DEN 0022) as a single-CPU guest needs it: the version, what is
 * implemented, and power off / reset, which end the guest. */
#include "psci.h"

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND 0x84000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0x84000003u
#define PSCI_AFFINITY_INFO 0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF_FN 0x84000008u
#define PSCI_SYSTEM_RESET_FN 0x84000009u
#define PSCI_FEATURES 0x8400000au

#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define MPIDR_AFFINITY 0x00ffffffu
#define MIGRATE_NO_TRUSTED_OS 2

bool psci_implemented(uint32_t fn)
{
	switch (fn) {
	case PSCI_VERSION: case PSCI_CPU_OFF: case PSCI_CPU_ON: case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE: case PSCI_SYSTEM_OFF_FN: case PSCI_SYSTEM_RESET_FN:
	case PSCI_FEATURES:
		return true;
	default:
		return false;
	}
}

enum psci_action psci_handle(uint32_t fn, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t *result)
{
	int32_t r = PSCI_NOT_SUPPORTED;
	switch (fn) {
	case PSCI_VERSION:
		r = 0x00010000; /* 1.0 */
		break;
	case PSCI_CPU_OFF:
		r = PSCI_DENIED; /* the only CPU cannot go off */
		break;
	case PSCI_CPU_ON:
		r = (a1 & MPIDR_AFFINITY) == 0 ? PSCI_ALREADY_ON : PSCI_INVALID_PARAMETERS;
		break;
	case PSCI_AFFINITY_INFO:
		r = (a1 & MPIDR_AFFINITY) == 0 ? 0 /* ON */ : PSCI_INVALID_PARAMETERS;
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		r = MIGRATE_NO_TRUSTED_OS;
		break;
	case PSCI_FEATURES:
		r = psci_implemented(a1) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
		break;
	case PSCI_SYSTEM_OFF_FN:
		*result = PSCI_SUCCESS;
		return PSCI_SYSTEM_OFF;
	case PSCI_SYSTEM_RESET_FN:
		*result = PSCI_SUCCESS;
		return PSCI_SYSTEM_RESET;
	default:
		break;
	}
	*result = (uint32_t)r;
	return PSCI_CONTINUE;
}
