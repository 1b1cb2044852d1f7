// SPDX-License-Identifier: MIT
/* The VCPUs' pure functions (arch/arm/pv/vcpu_pure.h): the value a load's
 * reply leaves in its register, the IT state after a stepped instruction
 * (both variants' replies), and the deprivileged VCPU's CPSR rules
 * (docs/pv-vcpu.md, section 4): a frame names guest user or guest kernel
 * and nothing else, and whatever it holds the hardware runs the guest in
 * USR with interrupts on. */
#include "unit.h"
#include "../../arch/arm/pv/vcpu_pure.h"

#define SSE (1u << 21)

static void loads_are_sized_and_sign_extended(void **state)
{
	assert_int_equal(vcpu_loaded_value(0, 4, 0x12348081u), 0x12348081u);
	assert_int_equal(vcpu_loaded_value(SSE, 4, 0x92348081u), 0x92348081u);
	assert_int_equal(vcpu_loaded_value(0, 2, 0x12348081u), 0x8081u);
	assert_int_equal(vcpu_loaded_value(SSE, 2, 0x12348081u), 0xffff8081u);
	assert_int_equal(vcpu_loaded_value(SSE, 2, 0x12347081u), 0x7081u);
	assert_int_equal(vcpu_loaded_value(0, 1, 0x12348081u), 0x81u);
	assert_int_equal(vcpu_loaded_value(SSE, 1, 0x12348081u), 0xffffff81u);
	assert_int_equal(vcpu_loaded_value(SSE, 1, 0x1234807fu), 0x7fu);
}

/* ITSTATE in CPSR: [1:0] at bits 26:25, [7:2] at bits 15:10. */
static uint32_t with_it(uint32_t it)
{
	return (it & 3u) << 25 | (it >> 2) << 10;
}

static void it_state_advances(void **state)
{
	/* ITTE EQ: firstcond 0000, mask 0110 -> IT 0x06; then 0x0c, 0x18, and none */
	assert_int_equal(vcpu_it_advance(with_it(0x06) | 0x30u), with_it(0x0c) | 0x30u);
	assert_int_equal(vcpu_it_advance(with_it(0x0c)), with_it(0x18));
	assert_int_equal(vcpu_it_advance(with_it(0x18)), 0);
	/* ITE NE: firstcond 0001, mask 0100 -> IT 0x14; then 0x08 (the E:
	 * IT[4] now 0, EQ) */
	assert_int_equal(vcpu_it_advance(with_it(0x14)), with_it(0x08));
	assert_int_equal(vcpu_it_advance(0xf0000013u), 0xf0000013u); /* outside a block */
}

static void frames_name_guest_user_or_kernel_only(void **state)
{
	assert_int_equal(pv_frame_mode(0x10u), 0x10u);
	assert_int_equal(pv_frame_mode(0x600001d3u), 0x13u);
	const uint32_t refused[] = {0x11, 0x12, 0x16, 0x17, 0x1a, 0x1b, 0x1f, 0x00, 0x0f, 0x1d};
	for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_int_equal(pv_frame_mode(refused[i]), 0);
}

static void hardware_cpsr_is_always_usr_unmasked(void **state)
{
	/* every mode, every mask: USR, A and I clear, J clear, F set (the
	 * mark of a guest, FIQ being unused) */
	for (uint32_t mode = 0; mode < 32; mode++) {
		for (uint32_t masks = 0; masks < 8; masks++) {
			uint32_t hw = pv_hardware_cpsr(0x01000000u | masks << 6 | mode);
			assert_int_equal(hw & 0x1fu, 0x10u);
			assert_int_equal(hw & 0x01000180u, 0);
			assert_int_equal(hw & 0x40u, 0x40u);
		}
	}
	/* flags, Q, GE, E, T and IT come through */
	assert_int_equal(pv_hardware_cpsr(0xf80f0233u), 0xf80f0270u);
	assert_int_equal(pv_hardware_cpsr(0x0600fc13u), 0x0600fc50u);
}

static void virtual_cpsr_shows_mode_and_mask(void **state)
{
	assert_int_equal(pv_virtual_cpsr(0x80000010u, 0x13u, true), 0x80000093u);
	assert_int_equal(pv_virtual_cpsr(0x80000030u, 0x10u, false), 0x80000030u);
	/* a hardware value with stray bits (F, the guest's mark, among them)
	 * cannot leak them into the frame */
	assert_int_equal(pv_virtual_cpsr(0x010001dfu, 0x13u, false), 0x13u);
	assert_int_equal(pv_virtual_cpsr(pv_hardware_cpsr(0x93u), 0x13u, true), 0x93u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_are_sized_and_sign_extended),
		cmocka_unit_test(it_state_advances),
		cmocka_unit_test(frames_name_guest_user_or_kernel_only),
		cmocka_unit_test(hardware_cpsr_is_always_usr_unmasked),
		cmocka_unit_test(virtual_cpsr_shows_mode_and_mask),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
