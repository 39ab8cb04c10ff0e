"""The major Vietnamese news outlets: domains, display names and the short forms
their datelines and credit lines use.

One row per outlet: (display name, domains, aliases). Domains are matched on
the URL's host or any parent of it ("e.vnexpress.net" is VnExpress); aliases
are compared lower-cased after `normalize`, with a leading "báo"/"tạp chí"
and a trailing "online" taken off (see `tomtat.outlets.find._key`), so
"Báo Dân trí", "dân trí" and "DÂN TRÍ" all name Dân trí. Domains double as
aliases ("VOV.VN -" is VOV's dateline).

Only what the outlets print themselves goes in: "TTO" (Tuổi Trẻ Online),
"NLĐO" (Người Lao Động Online), "TPO" (Tiền Phong Online), "PLO", "NDO"
(Nhân Dân Online), "GDVN", "ANTĐ", "VTC News" ... An alias must not be an
ordinary word or a place, because a dateline is accepted on its alias alone:
"BERLIN -" and "Hà Nội -" are places, not outlets, and stay unmatched.
"""

from __future__ import annotations

OUTLETS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("VnExpress", ("vnexpress.net",), ("vnexpress", "vne", "vnexpress.net")),
    ("Tuổi Trẻ", ("tuoitre.vn",), ("tuổi trẻ", "tto", "tuoi tre", "tuoitre")),
    ("Thanh Niên", ("thanhnien.vn",), ("thanh niên", "tno", "thanh nien", "thanhnien")),
    ("Dân trí", ("dantri.com.vn",), ("dân trí", "dantri", "dan tri")),
    ("VOV", ("vov.vn", "vovworld.vn", "vovgiaothong.vn"), ("vov", "đài tiếng nói việt nam")),
    ("VTV", ("vtv.vn",), ("vtv", "vtv news", "vtvnews", "đài truyền hình việt nam")),
    ("VTC News", ("vtc.vn",), ("vtc news", "vtc", "vtcnews")),
    ("VietNamNet", ("vietnamnet.vn",), ("vietnamnet", "vnn")),
    ("Znews", ("znews.vn", "zingnews.vn", "news.zing.vn", "zing.vn"), ("znews", "zingnews", "zing news", "zing")),
    ("Tiền Phong", ("tienphong.vn",), ("tiền phong", "tpo", "tien phong")),
    ("Lao Động", ("laodong.vn",), ("lao động", "lđo", "lao dong")),
    ("Người Lao Động", ("nld.com.vn",), ("người lao động", "nlđo", "nld", "nlđ")),
    ("Công Luận", ("congluan.vn",), ("công luận", "cong luan")),
    ("Ngày Nay", ("ngaynay.vn",), ("ngày nay",)),
    ("Báo Chính phủ", ("baochinhphu.vn", "chinhphu.vn"), ("chính phủ", "chinhphu.vn", "vgp", "vgp news")),
    ("Quân đội nhân dân", ("qdnd.vn",), ("quân đội nhân dân", "qđnd", "qdnd")),
    ("Nhân Dân", ("nhandan.vn", "nhandan.com.vn"), ("nhân dân", "ndo")),
    ("Công an nhân dân", ("cand.com.vn",), ("công an nhân dân", "cand", "cand.vn")),
    ("Sài Gòn Giải Phóng", ("sggp.org.vn",), ("sài gòn giải phóng", "sggp", "sggpo")),
    ("Pháp Luật TP.HCM", ("plo.vn",), ("pháp luật tp.hcm", "plo")),
    ("Pháp luật Việt Nam", ("baophapluat.vn",), ("pháp luật việt nam", "plvn")),
    ("VietnamPlus", ("vietnamplus.vn",), ("vietnamplus", "vietnam+")),
    ("TTXVN", ("vnanet.vn",), ("ttxvn", "thông tấn xã việt nam", "vna")),
    ("Tin Tức", ("baotintuc.vn",), ("tin tức", "baotintuc")),
    ("Báo Mới", ("baomoi.com",), ("báo mới", "baomoi")),
    ("Kenh14", ("kenh14.vn",), ("kenh14", "kênh 14", "kênh14")),
    ("CafeF", ("cafef.vn",), ("cafef",)),
    ("CafeBiz", ("cafebiz.vn",), ("cafebiz",)),
    ("Soha", ("soha.vn",), ("soha",)),
    ("Giáo dục Việt Nam", ("giaoduc.net.vn",), ("giáo dục việt nam", "gdvn")),
    ("Giáo dục và Thời đại", ("giaoducthoidai.vn",), ("giáo dục và thời đại", "gd&tđ", "gd&td")),
    ("An ninh Thủ đô", ("anninhthudo.vn",), ("an ninh thủ đô", "antđ", "antd")),
    ("Kinh tế & Đô thị", ("kinhtedothi.vn",), ("kinh tế & đô thị", "kinh tế và đô thị", "ktđt")),
    ("Hà Nội Mới", ("hanoimoi.vn", "hanoimoi.com.vn"), ("hà nội mới", "hnmo")),
    ("Dân Việt", ("danviet.vn",), ("dân việt",)),
    ("Đời sống & Pháp luật", ("doisongphapluat.com",), ("đời sống & pháp luật", "đspl")),
    ("Người Đưa Tin", ("nguoiduatin.vn",), ("người đưa tin",)),
    ("Infonet", ("infonet.vietnamnet.vn", "infonet.vn"), ("infonet",)),
    ("Thời Đại", ("thoidai.com.vn",), ("thời đại",)),
    ("Thế giới & Việt Nam", ("baoquocte.vn",), ("thế giới & việt nam", "tg&vn")),
    ("Thể thao & Văn hóa", ("thethaovanhoa.vn",), ("thể thao & văn hóa", "tt&vh")),
    ("Bóng Đá", ("bongda.com.vn",), ("bongda", "bóng đá")),
    ("VnEconomy", ("vneconomy.vn",), ("vneconomy",)),
    ("Đầu tư", ("baodautu.vn",), ("báo đầu tư", "baodautu")),
    ("Giao thông", ("baogiaothong.vn",), ("báo giao thông", "baogiaothong")),
    ("Sức khỏe & Đời sống", ("suckhoedoisong.vn",), ("sức khỏe & đời sống", "sk&đs")),
    ("Tiếp thị & Gia đình", ("tiepthigiadinh.vn",), ("tiếp thị & gia đình",)),
    ("Nông nghiệp Việt Nam", ("nongnghiep.vn",), ("nông nghiệp việt nam",)),
    ("Đại biểu Nhân dân", ("daibieunhandan.vn",), ("đại biểu nhân dân", "đbnd")),
    ("Đại Đoàn Kết", ("daidoanket.vn",), ("đại đoàn kết",)),
    ("Vietnam Finance", ("vietnamfinance.vn",), ("vietnamfinance",)),
    ("Thời báo Tài chính Việt Nam", ("thoibaotaichinhvietnam.vn",), ("thời báo tài chính việt nam",)),
    ("24h", ("24h.com.vn",), ("24h",)),
    ("VOA Tiếng Việt", ("voatiengviet.com",), ("voa tiếng việt", "voa")),
    ("BBC Tiếng Việt", ("bbc.com", "bbc.co.uk"), ("bbc tiếng việt", "bbc")),
    ("RFI Tiếng Việt", ("rfi.fr",), ("rfi tiếng việt", "rfi")),
)
