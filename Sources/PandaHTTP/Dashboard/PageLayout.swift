/// The frame of every dashboard page: head with the inline style sheet, navigation, sign-out form.
enum PageLayout {
    static func page(title: String, session: SignedIn?, active: String = "", body: String) -> String {
        var nav = ""
        if let session {
            func link(_ href: String, _ text: String, _ key: String) -> String {
                "<a href=\"\(href)\"\(active == key ? " aria-current=\"page\"" : "")>\(text)</a>"
            }
            nav = """
                <nav>\(link("/", "Overview", "overview"))\(link("/held", "Held files", "held"))\(link("/audit", "Audit log", "audit"))\(link("/bans", "Bans", "bans"))
                <form method="post" action="/signout" class="signout">\(session.csrfField)<button type="submit">Sign out (\(HTML.escape(session.tokenName)))</button></form></nav>
                """
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · Panda</title>
            <style>\(styleSheet)</style></head>
            <body><header><a class="brand" href="/">Panda</a>\(nav)</header>
            <main><h1>\(HTML.escape(title))</h1>
            \(body)
            </main></body></html>
            """
    }

    /// One style sheet, inline (no external assets); readable at 1280 px and on a phone.
    static let styleSheet = """
        :root{--fg:#1d232a;--muted:#5b6673;--line:#d8dee4;--bg:#f6f8fa;--accent:#0b5cad}
        *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.6rem 1.2rem;background:#12263f;color:#fff}
        header a{color:#fff;text-decoration:none}.brand{font-weight:700;font-size:1.15rem}
        nav{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem;flex:1}nav a[aria-current]{text-decoration:underline}
        .signout{margin-left:auto}.signout button{background:none;border:1px solid #8aa0b8;color:#fff;border-radius:4px;padding:.2rem .6rem;cursor:pointer}
        main{padding:1rem 1.2rem;max-width:1400px;margin:0 auto}h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.6rem 0 .6rem}
        .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.92rem}
        th,td{text-align:left;padding:.4rem .55rem;border-bottom:1px solid var(--line);vertical-align:top}th{background:var(--bg);font-weight:600;white-space:nowrap}
        td.num{text-align:right;font-variant-numeric:tabular-nums}code,.record{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
        .record{white-space:pre-wrap;word-break:break-all;background:var(--bg);padding:.15rem .3rem;border-radius:3px}
        a{color:var(--accent)}.muted{color:var(--muted)}.warn{color:#9a3b00;font-weight:600}.error{color:#b00020;font-weight:600}
        .badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.8rem;font-weight:600;white-space:nowrap;border:1px solid transparent}
        .s-processed{background:#dff3e4;color:#135c2a}.s-processed_with_errors,.s-rejected{background:#fff0d6;color:#7a4a00}
        .s-held{background:#f3e3ff;color:#5b1a8b;border-color:#b98ae0}.s-missed,.s-failed{background:#fde2e2;color:#8c1010}
        .s-uploaded,.s-retrieved,.s-published,.s-queued{background:#e1ecfb;color:#0b4a8f}.s-scheduled,.s-dry_run,.s-duplicate,.s-superseded,.s-discarded{background:#eceff2;color:#3d4650}
        .s-none{background:#f6f8fa;color:#6b7580;border-color:var(--line)}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.8rem;margin-bottom:1rem}
        .card{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;background:#fff;min-width:0}.card .badge{white-space:normal}.card b{display:block;font-size:1.3rem}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
        form.inline{display:inline}button,input,select{font:inherit}
        button.approve{background:#135c2a;color:#fff;border:0;border-radius:4px;padding:.3rem .8rem;cursor:pointer}
        button.reject{background:#8c1010;color:#fff;border:0;border-radius:4px;padding:.3rem .8rem;cursor:pointer}
        .search{display:flex;flex-wrap:wrap;gap:.5rem;margin-bottom:1rem}.search input,.search select{padding:.3rem .45rem;border:1px solid var(--line);border-radius:4px}
        .search button,.signin button{padding:.3rem .9rem;border:0;border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
        .signin{max-width:28rem}.signin input{width:100%;padding:.45rem;margin:.3rem 0 .8rem;border:1px solid var(--line);border-radius:4px}
        .notice{padding:.6rem .8rem;border-radius:6px;background:#fff0d6;margin-bottom:1rem}
        @media (max-width:700px){main{padding:.8rem}th,td{padding:.35rem .4rem}.hide-narrow{display:none}.signout{margin-left:0}}
        """
}
