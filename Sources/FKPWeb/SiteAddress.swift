import Hummingbird

/// The address people type to reach the site, printed where a page leaves the screen (an
/// invitation's activation link): FKP_PUBLIC_URL when set, otherwise the host the request named
/// (nginx passes it on), over HTTPS when the site is served so (FKP_SECURE_COOKIES).
struct SiteAddress: Sendable {
    let configured: String?
    let secure: Bool

    /// `https://fkp.example.go.id`, without a slash at the end; nil when the request named no
    /// host that is one (only letters, digits, dots, hyphens, a port or an IPv6 address).
    func origin(of request: Request) -> String? {
        if let configured { return configured }
        guard let host = request.head.authority, !host.isEmpty,
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) })
        else { return nil }
        return (secure ? "https://" : "http://") + host
    }
}
