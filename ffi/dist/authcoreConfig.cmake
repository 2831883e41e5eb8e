# find_package(authcore) support: defines the imported target authcore::authcore
# (the static library libauthcore.a and include/authcore.h).
# Installed by scripts/install-c.sh into <prefix>/lib/cmake/authcore/.
get_filename_component(_authcore_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET authcore::authcore)
  add_library(authcore::authcore STATIC IMPORTED)
  set_target_properties(authcore::authcore PROPERTIES
    IMPORTED_LOCATION "${_authcore_prefix}/lib/libauthcore.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_authcore_prefix}/include"
    # scripts/install-c.sh installs the default build, which has RSA keys: the header
    # declares their functions under this define.
    INTERFACE_COMPILE_DEFINITIONS AUTHCORE_HAS_RSA)
  if(UNIX)
    # The Rust standard library in a host build needs these.
    set_property(TARGET authcore::authcore PROPERTY
      INTERFACE_LINK_LIBRARIES pthread dl m)
  endif()
endif()

set(authcore_FOUND TRUE)
unset(_authcore_prefix)
