// Ids arriving at hotspots are checked by their owners' loaders: the node (`org`, for
// hotspot.read / hotspot.raise, hidden as 404 outside the scope), each case (`case`, case.read)
// and each order (`order`, order.read); the service then requires every record to lie under the
// node. Hotspots themselves have no ids: they are computed on request.
import '../orgs/orgs.access.ts'
import '../cases/cases.access.ts'
import '../orders/orders.access.ts'
import './hotspots.policy.ts'
