# One warning policy for every C and C++ target of the project.
set(XMIG_WARNING_FLAGS -Wall -Wextra)
if(XMIG_WERROR)
	list(APPEND XMIG_WARNING_FLAGS -Werror)
endif()
add_compile_options("$<$<COMPILE_LANGUAGE:C,CXX>:${XMIG_WARNING_FLAGS}>")
