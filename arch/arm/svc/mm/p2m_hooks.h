/* SPDX-License-Identifier: MIT */
/* What mm/vspace.c tells the shadow tables of deprivileged guests
 * (svc/vcpu/shadow.c) about a VSpace they were filled from, so that every
 * shadow entry stays covered by a live mapping (docs/pv-vcpu.md, section
 * 5, "Revocation"). Called only when the VSpace has shadow users. */
#ifndef ARCH_ARM_SVC_P2M_HOOKS_H
#define ARCH_ARM_SVC_P2M_HOOKS_H

#include "vspace_object.h"

/* A mapping left o (unmapped, deleted, revoked, or all of them forgotten):
 * every shadow filled from o is emptied, its TLB entries dropped, before
 * this returns. */
void shadow_p2m_removed(struct vspace_object *o);
/* o is being deleted: as removed, and its users forget it. */
void shadow_p2m_destroyed(struct vspace_object *o);

#endif
