# SPDX-License-Identifier: MIT
# `make fuzz SEED=n CALLS=m`: the kernel fuzz alone, on the configured board,
# with the kernel's invariant checker (configs/fragments/kernel-test.config).
# Included by the Makefile where the kernel-test images are made (it uses
# roottask_image and variant-build). Also:
#   CHECK_EVERY=k   an invariant check every k calls (default 1000)
#   CHECK_FROM=c    counted from call c: CHECK_EVERY=1 CHECK_FROM=c finds the
#                   call that broke an invariant (the failing run prints the line)
#   CHECK_FLAGS=1   also report stale mapping claims (L4_INVARIANTS_STALE_CLAIMS)
SEED ?= 0x5eed2024
CALLS ?= 1000000
CHECK_EVERY ?= 1000
CHECK_FROM ?= 0
CHECK_FLAGS ?= 0
FUZZ_SRCS := tests/kernel/main.c tests/kernel/tests_fuzz.c tests/fuzz/fuzz_only.c
$(eval $(call roottask_image,fuzz,$(FUZZ_SRCS)))

# The numbers reach the root task as a generated header, rewritten only when
# they change (so the image is relinked only then).
FUZZ_PARAMS_H := $(GEN)/fuzz_params.h
$(O)/user/obj/tests/fuzz/fuzz_only.o: $(FUZZ_PARAMS_H)
$(O)/user/obj/tests/fuzz/fuzz_only.o: USER_CPPFLAGS += -I$(GEN)
.PHONY: fuzz fuzz-params-always
fuzz-params-always:
$(FUZZ_PARAMS_H): fuzz-params-always
	@mkdir -p $(dir $@)
	$(Q)printf '#define FUZZ_SEED %su\n#define FUZZ_CALLS %su\n#define FUZZ_CHECK_EVERY %su\n#define FUZZ_CHECK_FROM %su\n#define FUZZ_CHECK_FLAGS %su\n' \
		$(SEED) $(CALLS) $(CHECK_EVERY) $(CHECK_FROM) $(CHECK_FLAGS) > $@.new
	$(Q)if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

# About 10 s of QEMU per million calls, and some for each check.
fuzz: $(KCONFIG_CONFIG)
	$(call variant-build,$(O)/fuzz,configs/fragments/kernel-test.config,$(O)/fuzz/tern-fuzz.elf \
		SEED=$(SEED) CALLS=$(CALLS) CHECK_EVERY=$(CHECK_EVERY) CHECK_FROM=$(CHECK_FROM) \
		CHECK_FLAGS=$(CHECK_FLAGS))
	$(Q)$(PYTHON) tests/kernel/run.py --board $(BOARD)-fuzz --qemu "$(QEMU)" \
		--qemu-flags "$(QEMU_FLAGS)" --elf $(O)/fuzz/tern-fuzz.elf \
		--timeout $$(( 120 + $(CALLS) / 10000 + $(CALLS) / ($(CHECK_EVERY) + 1) ))
