/* __xmig_point: the slow path of every migration point, reached only when
 * __xmig_pending is set. Capture is not implemented yet: the request is
 * acknowledged and the program continues, as it would after a declined
 * capture. */
#include "xmig/runtime.h"

void __xmig_point(void)
{
	__xmig_pending = 0;
}
