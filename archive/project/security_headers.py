"""A strict Content-Security-Policy for the public pages.

The public pages load only the site's own stylesheet and script, with no
inline script or style, so the policy can forbid everything else. The admin
is Django's own and keeps Django's defaults.
"""

from django.conf import settings

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.admin_prefix):
            response.headers.setdefault(
                "Content-Security-Policy", getattr(settings, "CONTENT_SECURITY_POLICY", POLICY)
            )
        return response
