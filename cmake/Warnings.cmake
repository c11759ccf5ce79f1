# One place for compiler flags so every target gets the same treatment.
add_library(teichaku_warnings INTERFACE)
target_compile_options(teichaku_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                   -Wnon-virtual-dtor -Wold-style-cast)
if(TEICHAKU_WERROR)
  target_compile_options(teichaku_warnings INTERFACE -Werror)
endif()

if(TEICHAKU_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Every project target links this; third-party headers are included as SYSTEM.
function(teichaku_target target)
  target_link_libraries(${target} PRIVATE teichaku_warnings)
endfunction()
