package dev.enoscoap.mock.admin;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * Answers the requests of one {@link AdminRoute}. Runs on an admin thread, after the request
 * passed the Host, Origin, token, size and content-type checks.
 *
 * <p>Throw {@link AdminException} for an answer other than success (400, 404, 409, …); any other
 * exception becomes a 500 that names it.
 */
@FunctionalInterface
@API(status = EXPERIMENTAL, since = "0.1")
public interface AdminHandler {

    /**
     * @param request the request, with its path parameters and body
     * @return the response to send
     */
    AdminResponse handle(AdminRequest request);
}
