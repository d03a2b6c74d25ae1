# xmig_add_executable(<name> SOURCES <source>...
#                     [OUTPUT_NAME <file>] [OUTPUT_DIRECTORY <dir>]
#                     [COMPILE_OPTIONS <option>...] [COMPILE_DEFINITIONS <definition>...]
#                     [INCLUDE_DIRECTORIES <dir>...] [LINK_LIBRARIES <library>...])
#
# Builds a migratable program: its sources compiled with migpoint.so once per
# ISA, both linked with the linker scripts xmig-align makes from the objects
# (every instrumented function and global at one address in both), then
# checked by xmig-check, which writes the unpaired-site table into both.
# Produces <dir>/<file>.x86_64, <dir>/<file>.aarch64 and <dir>/<file>, the
# host ISA's binary; <file> defaults to <name>, <dir> to the current binary
# directory. Targets: <name> (all of it), <name>_<isa> (one ISA's binary).
# LINK_LIBRARIES are system libraries (m, pthread...), linked for each ISA.
#
# Needs: XMIG_ISAS, XMIG_HOST_ISA, XMIG_PROGRAM_CFLAGS, XMIG_PLUGIN,
# XMIG_RUNTIME_<isa>, XMIG_ALIGN, XMIG_CHECK, XMIG_LIBC_INCLUDE_DIR; optionally XMIG_TOOL_TARGETS,
# the targets that build those inside the xmig build itself.

function(_xmig_require_clang)
	if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang" OR NOT CMAKE_C_COMPILER_VERSION MATCHES "^19\\.")
		message(FATAL_ERROR
			"xmig_add_executable needs clang 19 as the project's C compiler, which "
			"loads migpoint.so and compiles for both ISAs; found ${CMAKE_C_COMPILER_ID} "
			"${CMAKE_C_COMPILER_VERSION}. Configure with -DCMAKE_C_COMPILER=clang-19.")
	endif()
endfunction()

function(xmig_add_executable name)
	cmake_parse_arguments(PARSE_ARGV 1 ARG "" "OUTPUT_NAME;OUTPUT_DIRECTORY"
		"SOURCES;COMPILE_OPTIONS;COMPILE_DEFINITIONS;INCLUDE_DIRECTORIES;LINK_LIBRARIES")
	if(ARG_UNPARSED_ARGUMENTS)
		message(FATAL_ERROR "xmig_add_executable(${name}): unknown arguments "
			"'${ARG_UNPARSED_ARGUMENTS}'")
	endif()
	if(NOT ARG_SOURCES)
		message(FATAL_ERROR "xmig_add_executable(${name}): no SOURCES")
	endif()
	_xmig_require_clang()
	set(output_name ${name})
	if(ARG_OUTPUT_NAME)
		set(output_name ${ARG_OUTPUT_NAME})
	endif()
	set(output_directory "${CMAKE_CURRENT_BINARY_DIR}")
	if(ARG_OUTPUT_DIRECTORY)
		set(output_directory "${ARG_OUTPUT_DIRECTORY}")
	endif()
	set(work "${CMAKE_CURRENT_BINARY_DIR}/${name}.xmig")

	# A new plugin instruments differently: everything it compiled is stale.
	set_property(SOURCE ${ARG_SOURCES} APPEND PROPERTY OBJECT_DEPENDS "${XMIG_PLUGIN}")

	set(scripts "")
	set(align_arguments "")
	set(align_inputs "")
	# Each ISA's static C library, as clang finds it: given to xmig-align,
	# stdout gets one address in both binaries (docs/aligned-link.md).
	set(libraries "")
	foreach(isa IN LISTS XMIG_ISAS)
		if(NOT DEFINED XMIG_LIBC_${isa})
			execute_process(COMMAND "${CMAKE_C_COMPILER}" --target=${isa}-linux-gnu
				-print-file-name=libc.a
				OUTPUT_VARIABLE library OUTPUT_STRIP_TRAILING_WHITESPACE
				RESULT_VARIABLE found)
			if(NOT found EQUAL 0 OR NOT IS_ABSOLUTE "${library}" OR NOT EXISTS "${library}")
				set(library "")
			endif()
			set(XMIG_LIBC_${isa} "${library}" CACHE INTERNAL "${isa}'s libc.a")
		endif()
		if(XMIG_LIBC_${isa})
			list(APPEND libraries --${isa}-libc "${XMIG_LIBC_${isa}}")
		endif()
	endforeach()
	list(LENGTH libraries library_words)
	if(library_words EQUAL 4)
		list(APPEND align_arguments ${libraries})
	endif()
	foreach(isa IN LISTS XMIG_ISAS)
		set(objects ${name}_objects_${isa})
		add_library(${objects} OBJECT ${ARG_SOURCES})
		target_compile_options(${objects} PRIVATE --target=${isa}-linux-gnu
			${XMIG_PROGRAM_CFLAGS} "-isystem${XMIG_LIBC_INCLUDE_DIR}"
			"-fpass-plugin=${XMIG_PLUGIN}" ${ARG_COMPILE_OPTIONS})
		target_compile_definitions(${objects} PRIVATE ${ARG_COMPILE_DEFINITIONS})
		target_include_directories(${objects} PRIVATE ${ARG_INCLUDE_DIRECTORIES})
		if(XMIG_TOOL_TARGETS)
			add_dependencies(${objects} ${XMIG_TOOL_TARGETS})
		endif()
		list(APPEND scripts "${work}/xmig-${isa}.ld")
		list(APPEND align_arguments --${isa} "$<TARGET_OBJECTS:${objects}>"
			"${XMIG_RUNTIME_${isa}}")
		list(APPEND align_inputs "$<TARGET_OBJECTS:${objects}>" "${XMIG_RUNTIME_${isa}}")
	endforeach()

	add_custom_command(OUTPUT ${scripts}
		COMMAND ${CMAKE_COMMAND} -E make_directory "${work}"
		COMMAND "${XMIG_ALIGN}" -o "${work}" ${align_arguments}
		DEPENDS ${align_inputs} "${XMIG_ALIGN}"
		COMMENT "Aligning ${name} for ${XMIG_ISAS}"
		COMMAND_EXPAND_LISTS VERBATIM)
	add_custom_target(${name}_scripts DEPENDS ${scripts})

	foreach(isa IN LISTS XMIG_ISAS)
		set(binary ${name}_${isa})
		add_executable(${binary} $<TARGET_OBJECTS:${name}_objects_${isa}>)
		target_link_options(${binary} PRIVATE --target=${isa}-linux-gnu -static
			-fuse-ld=lld -Wl,--build-id "-Wl,-T,${work}/xmig-${isa}.ld")
		target_link_libraries(${binary} PRIVATE "${XMIG_RUNTIME_${isa}}"
			${ARG_LINK_LIBRARIES} m)
		set_target_properties(${binary} PROPERTIES
			OUTPUT_NAME ${output_name}.${isa}
			RUNTIME_OUTPUT_DIRECTORY "${output_directory}"
			LINKER_LANGUAGE C
			LINK_DEPENDS "${work}/xmig-${isa}.ld"
			XMIG_ISA ${isa})
		add_dependencies(${binary} ${name}_scripts)
	endforeach()

	# xmig-check rewrites both binaries in place, hence a stamp as its output.
	# The host binary under the plain name is not declared as an output:
	# with the default names it is the same path as the <name> target, which
	# Ninja cannot tell apart from it.
	set(stamp "${work}/checked")
	set(host_binary "${output_directory}/${output_name}")
	set(check_arguments "")
	foreach(isa IN LISTS XMIG_ISAS)
		list(APPEND check_arguments "$<TARGET_FILE:${name}_${isa}>")
	endforeach()
	add_custom_command(OUTPUT "${stamp}"
		COMMAND "${XMIG_CHECK}" ${check_arguments}
		COMMAND ${CMAKE_COMMAND} -E copy "$<TARGET_FILE:${name}_${XMIG_HOST_ISA}>"
			"${host_binary}"
		COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
		DEPENDS ${name}_x86_64 ${name}_aarch64 "${XMIG_CHECK}"
		COMMENT "Checking ${name}: alignment and site pairing"
		VERBATIM)
	add_custom_target(${name} ALL DEPENDS "${stamp}")
endfunction()
