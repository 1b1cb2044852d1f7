#!/bin/sh
# SPDX-License-Identifier: MIT
# /bench/run in bench-guest's initramfs (scripts/bench_guest_rootfs.sh): the
# guest's init runs it, then powers off. First the project's own rows
# (tern-bench), then, when the initramfs carries LmBench's binaries in
# /bench/lmbench, LmBench's own: one 'lmbench: row NAME UNIT OUTPUT' line
# per run, OUTPUT being what LmBench printed (its figure is the last number).
/bin/tern-bench || echo "bench-guest: tern-bench failed (exit status $?)"
lm=/bench/lmbench
if [ -d $lm ]; then
	# LmBench's timing: each measurement runs until ENOUGH microseconds have
	# passed (of virtual time: instructions, under -icount shift=0), and is
	# repeated -N times for the median: once is enough, as every run is the same.
	export ENOUGH=5000
	# As LmBench's own harness (scripts/config-run) does: the timing and
	# loop overheads measured once, not again by every program.
	TIMING_O=$($lm/timing_o) && LOOP_O=$($lm/loop_o) && [ -n "$TIMING_O" ] && [ -n "$LOOP_O" ] || {
		echo "bench-guest: lmbench failed: no timing or loop overhead (timing_o, loop_o)"
		exit 1
	}
	export TIMING_O LOOP_O
	echo "lmbench: timing overhead $TIMING_O us, loop overhead $LOOP_O us"
	file=/tmp/lmbench.data
	dd if=/dev/zero of=$file bs=65536 count=16 2>/dev/null
	cp $lm/hello /tmp/hello # lat_proc's exec and shell rows run /tmp/hello
	row() {
		name=$1 unit=$2
		shift 2
		program=$1
		shift
		echo "lmbench: row $name $unit $("$lm/$program" -N 1 "$@" 2>&1 | tr '\n' ' ')"
	}
	row lat_syscall_null us lat_syscall null
	row lat_syscall_read us lat_syscall read
	row lat_syscall_write us lat_syscall write
	row lat_syscall_stat us lat_syscall stat $file
	row lat_syscall_open us lat_syscall open $file
	row lat_select_10 us lat_select -n 10 file
	row lat_select_100 us lat_select -n 100 file
	row lat_sig_install us lat_sig install
	row lat_sig_catch us lat_sig catch
	row lat_sig_prot us lat_sig prot $file
	row lat_pagefault us lat_pagefault $file
	row lat_proc_fork us lat_proc fork
	row lat_proc_exec us lat_proc exec
	row lat_proc_shell us lat_proc shell
	for kib in 0 16; do
		for procs in 2 4 8 16; do
			row lat_ctx_${procs}p_${kib}k us lat_ctx -s $kib $procs
		done
	done
	row lat_pipe us lat_pipe
	row lat_unix us lat_unix
	row bw_pipe MB/s bw_pipe
	row bw_unix MB/s bw_unix
	row lat_mmap us lat_mmap 1m $file
	row bw_mem_rd MB/s bw_mem 1m rd
	row bw_mem_wr MB/s bw_mem 1m wr
	row bw_mem_cp MB/s bw_mem 1m bcopy
	rm -f $file /tmp/hello
fi
echo "bench-guest: done"
