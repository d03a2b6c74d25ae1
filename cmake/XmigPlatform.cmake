# What every xmig program is built for and with: the ISAs, the host's ISA, and
# the flags that make both ISAs compute the same results. Included by the
# xmig build and by the installed CMake package alike.

set(XMIG_ISAS x86_64 aarch64)

# Flags every program that may migrate is compiled with, instrumented or not:
# without them the two ISAs compute different results from the same source
# (aarch64 fuses multiply-adds by default and has an unsigned plain char).
set(XMIG_PORTABLE_FLAGS -ffp-contract=off -fsigned-char)
# Static, non-PIE binaries: code and data at link-time addresses, which the
# aligned link of both ISAs relies on. No stack protector: its canary comes
# from each process's own thread-local storage, so a frame restored in
# another process (of either ISA) would fail its check on return.
set(XMIG_PROGRAM_CFLAGS -fno-pie -fno-stack-protector ${XMIG_PORTABLE_FLAGS})

if(CMAKE_HOST_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
	set(XMIG_HOST_ISA x86_64)
elseif(CMAKE_HOST_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
	set(XMIG_HOST_ISA aarch64)
else()
	message(FATAL_ERROR "xmig runs on x86_64 and aarch64 hosts, not ${CMAKE_HOST_SYSTEM_PROCESSOR}")
endif()
