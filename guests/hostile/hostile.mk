# SPDX-License-Identifier: MIT
# The hostile guest (guests/hostile/): a bare-metal image the VMM boots in
# place of Linux's zImage, which then attacks the kernel and the VMM from
# inside its VM with a seeded campaign; and test-hostile, which boots it
# on the configured board once per seed and checks that the system (and
# the guest) survive. Included by the Makefile after guests/linux.mk; it
# needs a configured board and the image_with_archive rules.
#
#   make test-hostile                      the board's seeds, HOSTILE_ACTIONS each
#   make test-hostile HOSTILE_SEEDS="7 8" HOSTILE_ACTIONS=20000 HOSTILE_JOBS=2
#   make test-hostile HOSTILE_SEEDS=7 HOSTILE_TRACE=1   every action named as it runs
#   make test-hostile HOSTILE_SKIP="cp15w/fcseidr_then_exit mode"
#                    draw these (class/name, or a class) but do not run them:
#                    to look past a known bug, never in the test's own run
#
# The boot archive is the Linux guest's without the initramfs (the VMM
# boots without one): the hostile test needs no Linux build.

ifeq ($(need_config),1)

.PHONY: test-hostile hostile-images

HOSTILE_DIR := guests/hostile
HOSTILE_O := $(O)/hostile
HOSTILE_SRCS := $(addprefix $(HOSTILE_DIR)/,start.S actions.S main.c board.c console.c \
	exceptions.c campaign.c checks.c mmu.c) lib/fdt.c lib/printf.c lib/string.c
HOSTILE_OBJS := $(patsubst %,$(HOSTILE_O)/obj/%.o,$(basename $(HOSTILE_SRCS)))
# The guest is no user program of Tern's: no libl4, no configuration.
HOSTILE_CPPFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-Ilib/include -I$(HOSTILE_DIR) -MMD -MP

HOSTILE_ACTIONS ?= 4000
HOSTILE_TRACE ?= 0
HOSTILE_SKIP ?=
HOSTILE_JOBS ?= 2
# Different seeds on each board: twenty campaigns over the two.
HOSTILE_SEEDS_vexpress-a15 := 1 2 3 4 5 6 7 8 9 10
HOSTILE_SEEDS_virt := 11 12 13 14 15 16 17 18 19 20
HOSTILE_SEEDS ?= $(or $(HOSTILE_SEEDS_$(BOARD)),1 2 3 4 5 6 7 8 9 10)

$(HOSTILE_O)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (hostile guest)"
	$(Q)$(CC) $(HOSTILE_CPPFLAGS) $(USER_CFLAGS) -c -o $@ $<
$(HOSTILE_O)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $< (hostile guest)"
	$(Q)$(CC) $(HOSTILE_CPPFLAGS) $(ASFLAGS) -c -o $@ $<

$(HOSTILE_O)/hostile.elf: $(HOSTILE_OBJS) $(HOSTILE_DIR)/hostile.lds
	@echo "  LD      $@"
	$(Q)$(CC) $(ARCH_FLAGS) $(LDFLAGS) -T $(HOSTILE_DIR)/hostile.lds -o $@ $(HOSTILE_OBJS) $(LIBGCC)

# What the VMM loads as linux/zImage: the raw image, header at offset 0.
$(HOSTILE_O)/zImage: $(HOSTILE_O)/hostile.elf
	$(Q)$(OBJCOPY) -O binary $< $@

# The campaign's parameters are make variables: a change rebuilds the images.
$(HOSTILE_O)/parameters: FORCE
	@mkdir -p $(dir $@)
	$(Q)echo '$(HOSTILE_ACTIONS) $(HOSTILE_TRACE) $(HOSTILE_SKIP)' | cmp -s - $@ || \
		echo '$(HOSTILE_ACTIONS) $(HOSTILE_TRACE) $(HOSTILE_SKIP)' > $@

# hostile_image SEED: $(O)/tern-hostile-SEED.elf, the kernel whose boot
# archive has the hostile guest as linux/zImage and the seed and the
# campaign's length in the guest DTB's /chosen.
define hostile_image
$(O)/hostile-$(1)-archive.cpio: $(O)/user/roottask.elf $(O)/user/vmm.elf $(HOSTILE_O)/zImage \
		$(O)/guest/linux-a15.dtb $(HOSTILE_O)/parameters $(O)/system-linux.dtb
	$$(Q)rm -rf $(O)/hostile-$(1)-archive && mkdir -p $(O)/hostile-$(1)-archive/linux
	$$(Q)cp $(O)/user/roottask.elf $(O)/hostile-$(1)-archive/roottask
	$$(Q)cp $(O)/user/vmm.elf $(O)/hostile-$(1)-archive/vmm
	$$(Q)cp $(O)/system-linux.dtb $(O)/hostile-$(1)-archive/system.dtb
	$$(Q)cp $(HOSTILE_O)/zImage $(O)/hostile-$(1)-archive/linux/zImage
	$$(Q)cp $(O)/guest/linux-a15.dtb $(O)/hostile-$(1)-archive/linux/guest.dtb
	$$(Q)fdtput -t u $(O)/hostile-$(1)-archive/linux/guest.dtb /chosen tern,hostile-seed $(1)
	$$(Q)fdtput -t u $(O)/hostile-$(1)-archive/linux/guest.dtb /chosen tern,hostile-actions $$(HOSTILE_ACTIONS)
	$$(Q)fdtput -t u $(O)/hostile-$(1)-archive/linux/guest.dtb /chosen tern,hostile-trace $$(HOSTILE_TRACE)
	$$(Q)if [ -n "$$(HOSTILE_SKIP)" ]; then fdtput -t s $(O)/hostile-$(1)-archive/linux/guest.dtb \
		/chosen tern,hostile-skip $$(HOSTILE_SKIP); fi
	$$(Q)cd $(O)/hostile-$(1)-archive && printf '%s\n' roottask system.dtb vmm linux linux/zImage \
		linux/guest.dtb | cpio --quiet -o -H newc > ../hostile-$(1)-archive.cpio
$$(eval $$(call image_with_archive,hostile-$(1)))
endef
$(foreach s,$(HOSTILE_SEEDS),$(eval $(call hostile_image,$(s))))

hostile-images: $(foreach s,$(HOSTILE_SEEDS),$(O)/tern-hostile-$(s).elf)

test-hostile: hostile-images
	$(Q)test "$(CONFIG_GUEST_LINUX)" = y || { echo "test-hostile needs CONFIG_GUEST_LINUX=y"; exit 1; }
	$(Q)$(PYTHON) tests/guest/test_hostile.py --board $(BOARD) --qemu "$(QEMU)" \
		--qemu-flags "$(QEMU_FLAGS)" --actions $(HOSTILE_ACTIONS) --jobs $(HOSTILE_JOBS) \
		$(foreach s,$(HOSTILE_SEEDS),--image $(s)=$(O)/tern-hostile-$(s).elf) \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/hostile-$(BOARD).txt)

-include $(HOSTILE_OBJS:.o=.d)

endif
