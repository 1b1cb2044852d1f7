/* SPDX-License-Identifier: MIT */
/* The size of the SVC variant's VCPU object, private to arch/arm/svc. Tern
 * has no heap: the object carries the guest's shadow page tables
 * (shadow.c): the struct vcpu (4 KiB), the shadow pool's bookkeeping (4
 * KiB), four 8 KiB first-level tables, then 88 second-level tables of
 * 1 KiB. */
#ifndef ARCH_ARM_SVC_VCPU_OBJECT_H
#define ARCH_ARM_SVC_VCPU_OBJECT_H

#define SVC_VCPU_SIZE_BITS 17

#endif
