# Every tool the build needs, each with the package that provides it, so that a
# missing one is reported as what to install rather than as a later failure.

set(XMIG_INSTALL_HINT "run scripts/install-deps, or apt-get install the package named above")

if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang" OR CMAKE_C_COMPILER_VERSION VERSION_LESS 19)
	message(FATAL_ERROR
		"xmig needs clang 19 as its C compiler (found ${CMAKE_C_COMPILER_ID} "
		"${CMAKE_C_COMPILER_VERSION}): the runtime is compiled for x86_64 and aarch64 "
		"with --target, which only clang supports. Package: clang-19; ${XMIG_INSTALL_HINT}.")
endif()

# No version in find_package: LLVM's version file wants major.minor to match
# exactly, and any 19.x will do.
find_package(LLVM CONFIG HINTS /usr/lib/llvm-19/lib/cmake/llvm)
if(NOT LLVM_FOUND OR NOT LLVM_VERSION_MAJOR EQUAL 19)
	message(FATAL_ERROR "LLVM 19 development files not found. Package: llvm-19-dev; "
		"${XMIG_INSTALL_HINT}.")
endif()
message(STATUS "LLVM ${LLVM_PACKAGE_VERSION} in ${LLVM_TOOLS_BINARY_DIR}")

# Finds an LLVM 19 tool, preferring LLVM's own bin directory over PATH.
function(xmig_find_llvm_tool variable name package)
	find_program(${variable} NAMES ${name} ${name}-19
		HINTS "${LLVM_TOOLS_BINARY_DIR}" NO_CACHE)
	if(NOT ${variable})
		message(FATAL_ERROR "${name} (LLVM 19) not found. Package: ${package}; "
			"${XMIG_INSTALL_HINT}.")
	endif()
	set(${variable} "${${variable}}" CACHE FILEPATH "${name} from LLVM 19")
endfunction()

xmig_find_llvm_tool(XMIG_LLVM_AR llvm-ar llvm-19)
xmig_find_llvm_tool(XMIG_LLVM_OBJCOPY llvm-objcopy llvm-19)
xmig_find_llvm_tool(XMIG_LLD ld.lld lld-19)
xmig_find_llvm_tool(XMIG_OPT opt llvm-19)
xmig_find_llvm_tool(XMIG_LLC llc llvm-19)
xmig_find_llvm_tool(XMIG_FILECHECK FileCheck llvm-19-tools)

# Archives hold objects of both ISAs; llvm-ar indexes either, GNU ar may not.
set(CMAKE_AR "${XMIG_LLVM_AR}" CACHE FILEPATH "Archiver" FORCE)

find_file(XMIG_LIT lit.py HINTS "${LLVM_TOOLS_BINARY_DIR}/../build/utils/lit" NO_DEFAULT_PATH)
if(NOT XMIG_LIT)
	message(FATAL_ERROR "lit not found. Package: llvm-19-tools; ${XMIG_INSTALL_HINT}.")
endif()
find_package(Python3 COMPONENTS Interpreter REQUIRED)

# qemu-aarch64 is needed only to run aarch64 binaries, not to build them; the
# tests check for it themselves and say how to install it.
find_program(XMIG_QEMU_AARCH64 qemu-aarch64)
if(NOT XMIG_QEMU_AARCH64)
	message(WARNING "qemu-aarch64 not found on PATH: aarch64 tests will fail until it is "
		"installed. Package: qemu-user; ${XMIG_INSTALL_HINT}.")
endif()

# libelf reads binaries and objects of either ISA in the host tools.
find_library(XMIG_LIBELF elf)
find_path(XMIG_LIBELF_INCLUDE gelf.h)
if(NOT XMIG_LIBELF OR NOT XMIG_LIBELF_INCLUDE)
	message(FATAL_ERROR "libelf not found. Package: libelf-dev; ${XMIG_INSTALL_HINT}.")
endif()

# libdwarf decodes .eh_frame in the transformer; Debian 12 puts its header in
# libdwarf/, later releases in libdwarf-0/.
find_library(XMIG_LIBDWARF dwarf)
find_path(XMIG_LIBDWARF_INCLUDE libdwarf.h PATH_SUFFIXES libdwarf libdwarf-0)
if(NOT XMIG_LIBDWARF OR NOT XMIG_LIBDWARF_INCLUDE)
	message(FATAL_ERROR "libdwarf not found. Package: libdwarf-dev; ${XMIG_INSTALL_HINT}.")
endif()
