# Building for an ISA other than the host's: every xmig program and the runtime
# exist once per ISA, compiled by the same clang with --target. These helpers
# are the only place that knows how; per-ISA rules are never written out twice.

include(${CMAKE_CURRENT_LIST_DIR}/XmigPlatform.cmake)

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

# xmig_add_executable() inside this build: the same function users get from
# the installed package, pointed at the build tree's tools.
set(XMIG_PLUGIN "${XMIG_MIGPOINT_PATH}")
set(XMIG_ALIGN "${CMAKE_BINARY_DIR}/bin/xmig-align")
set(XMIG_CHECK "${CMAKE_BINARY_DIR}/bin/xmig-check")
# runtime/CMakeLists.txt copies xmig's C library headers here.
set(XMIG_LIBC_INCLUDE_DIR "${CMAKE_BINARY_DIR}/include/xmig/libc")
foreach(isa IN LISTS XMIG_ISAS)
	set(XMIG_RUNTIME_${isa} "${CMAKE_BINARY_DIR}/lib/${isa}/libxmig.a")
	list(APPEND XMIG_TOOL_TARGETS xmig_runtime_${isa})
endforeach()
list(APPEND XMIG_TOOL_TARGETS migpoint xmig-align xmig-check)
include(${CMAKE_CURRENT_LIST_DIR}/XmigExecutable.cmake)
