# Building for an ISA other than the host's: every xmig program and the runtime
# exist once per ISA, compiled by the same clang with --target. These helpers
# are the only place that knows how; per-ISA rules are never written out twice.

set(XMIG_ISAS x86_64 aarch64)

# Flags every program that may migrate is compiled with, instrumented or not:
# without them the two ISAs compute different results from the same source
# (aarch64 fuses multiply-adds by default and has an unsigned plain char).
set(XMIG_PORTABLE_FLAGS -ffp-contract=off -fsigned-char)
# Static, non-PIE binaries: code and data at link-time addresses, which the
# aligned link of both ISAs relies on.
set(XMIG_PROGRAM_CFLAGS -fno-pie ${XMIG_PORTABLE_FLAGS})

if(CMAKE_HOST_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
	set(XMIG_HOST_ISA x86_64)
elseif(CMAKE_HOST_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
	set(XMIG_HOST_ISA aarch64)
else()
	message(FATAL_ERROR "xmig runs on x86_64 and aarch64 hosts, not ${CMAKE_HOST_SYSTEM_PROCESSOR}")
endif()

function(xmig_isa_triple isa out)
	if(NOT isa IN_LIST XMIG_ISAS)
		message(FATAL_ERROR "unknown ISA '${isa}' (known: ${XMIG_ISAS})")
	endif()
	set(${out} "${isa}-linux-gnu" PARENT_SCOPE)
endfunction()

# xmig_add_isa_library(<name> ISA <isa> SOURCES ... [OUTPUT_NAME <n>])
# A static archive of objects for <isa>, written to <build>/lib/<isa>/.
function(xmig_add_isa_library name)
	cmake_parse_arguments(PARSE_ARGV 1 ARG "" "ISA;OUTPUT_NAME" "SOURCES")
	xmig_isa_triple(${ARG_ISA} triple)
	add_library(${name} STATIC ${ARG_SOURCES})
	target_compile_options(${name} PRIVATE --target=${triple} -fno-pie)
	set_target_properties(${name} PROPERTIES
		ARCHIVE_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/lib/${ARG_ISA}"
		XMIG_ISA ${ARG_ISA})
	if(ARG_OUTPUT_NAME)
		set_target_properties(${name} PROPERTIES OUTPUT_NAME ${ARG_OUTPUT_NAME})
	endif()
endfunction()

# xmig_target_for_isa(<target> <isa>)
# Makes an executable target a static, non-PIE executable for <isa>, linked by
# ld.lld against the ISA's static glibc.
function(xmig_target_for_isa target isa)
	xmig_isa_triple(${isa} triple)
	target_compile_options(${target} PRIVATE --target=${triple} ${XMIG_PROGRAM_CFLAGS})
	target_link_options(${target} PRIVATE --target=${triple} -static -fuse-ld=lld)
	set_target_properties(${target} PROPERTIES XMIG_ISA ${isa})
endfunction()

# xmig_add_isa_executable(<name> ISA <isa> SOURCES ... [OUTPUT_NAME <n>]
#                         [LIBRARIES ...] [COMPILE_OPTIONS ...])
function(xmig_add_isa_executable name)
	cmake_parse_arguments(PARSE_ARGV 1 ARG "" "ISA;OUTPUT_NAME"
		"SOURCES;LIBRARIES;COMPILE_OPTIONS")
	add_executable(${name} ${ARG_SOURCES})
	xmig_target_for_isa(${name} ${ARG_ISA})
	target_compile_options(${name} PRIVATE ${ARG_COMPILE_OPTIONS})
	target_link_libraries(${name} PRIVATE ${ARG_LIBRARIES} m)
	if(ARG_OUTPUT_NAME)
		set_target_properties(${name} PROPERTIES OUTPUT_NAME ${ARG_OUTPUT_NAME})
	endif()
endfunction()

set(XMIG_MIGPOINT_PATH "${CMAKE_BINARY_DIR}/lib/migpoint.so")
set(XMIG_RUN_ON_ISA "${PROJECT_SOURCE_DIR}/scripts/run-on-isa")

# xmig_instrument_target(<target> <isa>)
# Compiles the target's sources with migpoint.so and links the runtime.
function(xmig_instrument_target target isa)
	target_compile_options(${target} PRIVATE "-fpass-plugin=${XMIG_MIGPOINT_PATH}")
	target_link_libraries(${target} PRIVATE xmig_runtime_${isa})
	# A rebuilt plugin must recompile what it instrumented. OBJECT_DEPENDS
	# takes no generator expressions, hence the plugin's literal path (fixed
	# in llvm-pass/CMakeLists.txt); it is a property of the source in this
	# directory, so keep plain builds of the same sources elsewhere.
	add_dependencies(${target} migpoint)
	get_target_property(sources ${target} SOURCES)
	set_property(SOURCE ${sources} TARGET_DIRECTORY ${target}
		APPEND PROPERTY OBJECT_DEPENDS "${XMIG_MIGPOINT_PATH}")
endfunction()
