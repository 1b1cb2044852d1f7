/* SPDX-License-Identifier: MIT */
/* PSCI 1.0 over HVC for a single-CPU guest. */
#ifndef VMM_PSCI_H
#define VMM_PSCI_H

#include <tern/types.h>

enum psci_action { PSCI_CONTINUE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET };

/* Is fn a PSCI function this VMM answers? */
bool psci_implemented(uint32_t fn);
/* Handles one call: fn = guest r0, arguments r1-r3; *result is the value
 * for the guest's r0. Unknown functions get NOT_SUPPORTED. */
enum psci_action psci_handle(uint32_t fn, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t *result);

#endif
