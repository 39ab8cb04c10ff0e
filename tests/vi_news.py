"""Small Vietnamese news clusters written for the server, batch and browser tests.

The stories and wording are made up for testing (no text is copied from any
outlet); they read like ordinary Vietnamese wire copy so the pipeline's
language check, splitter and scorer see realistic input.
"""

from __future__ import annotations

METRO = [
    {
        "title": "Tuyến metro Nhổn - ga Hà Nội chạy thử toàn tuyến từ tháng sau",
        "source": "Báo Giao Thông",
        "url": "https://example.vn/metro-nhon-ga-ha-noi",
        "date": "2026-03-02",
        "text": (
            "Ban Quản lý đường sắt đô thị Hà Nội cho biết tuyến metro Nhổn - ga Hà Nội sẽ chạy thử toàn tuyến từ ngày 15 tháng sau.\n"
            "Tuyến dài 12,5 km, gồm 8 ga trên cao và 4 ga ngầm, đi qua các quận Nam Từ Liêm, Bắc Từ Liêm, Cầu Giấy, Đống Đa và Hoàn Kiếm.\n"
            "Trong giai đoạn chạy thử, mỗi ngày sẽ có khoảng 100 chuyến tàu chạy không chở khách để kiểm tra hệ thống tín hiệu và cấp điện.\n"
            "Theo kế hoạch, đoạn đi ngầm từ ga Cát Linh đến ga Hà Nội sẽ được đưa vào khai thác thương mại trước cuối năm nay.\n"
            "Đại diện ban quản lý cho biết giá vé dự kiến tương đương tuyến Cát Linh - Hà Đông, từ 8.000 đến 15.000 đồng mỗi lượt.\n"
            "Người dân sống gần các ga ngầm được khuyến cáo chú ý biển báo phân luồng trong thời gian chạy thử."
        ),
    },
    {
        "title": "Hà Nội sắp chạy thử đoạn ngầm metro Nhổn - ga Hà Nội",
        "source": "Tin Tức Thủ Đô",
        "url": "https://example.vn/doan-ngam-metro",
        "date": "2026-03-02",
        "text": (
            "Tuyến metro Nhổn - ga Hà Nội sẽ bắt đầu chạy thử toàn tuyến từ giữa tháng sau, theo Ban Quản lý đường sắt đô thị Hà Nội.\n"
            "Đây là tuyến đường sắt đô thị thứ hai của thủ đô, sau tuyến Cát Linh - Hà Đông khai thác từ năm 2021.\n"
            "Đoạn trên cao dài 8,5 km từ Nhổn đến Cầu Giấy đã chở hơn 10 triệu lượt khách kể từ khi vận hành.\n"
            "Đoạn đi ngầm dài khoảng 4 km, qua các ga Kim Mã, Cát Linh, Văn Miếu và ga Hà Nội, là phần phức tạp nhất của dự án.\n"
            "Nhà thầu đã hoàn thành lắp đặt đường ray và hệ thống thông gió tại cả bốn ga ngầm.\n"
            "Ban quản lý dự kiến đưa đoạn ngầm vào khai thác thương mại trước cuối năm nay nếu kết quả chạy thử đạt yêu cầu."
        ),
    },
    {
        "title": "Metro Nhổn - ga Hà Nội: chạy thử 100 chuyến mỗi ngày",
        "source": "Đời Sống Đô Thị",
        "date": "2026-03-03",
        "text": (
            "Khoảng 100 chuyến tàu mỗi ngày sẽ chạy thử trên toàn tuyến metro Nhổn - ga Hà Nội từ tháng sau.\n"
            "Các chuyến chạy thử không chở khách, nhằm kiểm tra tín hiệu, cấp điện và khả năng phối hợp giữa các ga.\n"
            "Tuyến có tổng chiều dài 12,5 km với 12 nhà ga, trong đó bốn ga nằm dưới lòng đất ở khu vực trung tâm.\n"
            "Lãnh đạo thành phố yêu cầu các đơn vị bảo đảm an toàn tuyệt đối và công khai tiến độ với người dân.\n"
            "Nhiều hộ kinh doanh trên phố Kim Mã kỳ vọng lượng khách sẽ tăng khi các ga ngầm đi vào hoạt động."
        ),
    },
]

STORM = [
    {
        "title": "Bão số 4 đổ bộ Quảng Trị, hàng nghìn hộ dân mất điện",
        "source": "Thời Sự Miền Trung",
        "text": (
            "Bão số 4 đã đổ bộ vào đất liền các tỉnh Quảng Trị và Thừa Thiên Huế vào rạng sáng nay với sức gió mạnh cấp 10.\n"
            "Mưa lớn kéo dài khiến nhiều tuyến đường ở huyện Hải Lăng bị ngập sâu từ 0,5 đến 1 mét.\n"
            "Công ty Điện lực Quảng Trị cho biết khoảng 45.000 hộ dân bị mất điện do cây đổ làm đứt đường dây.\n"
            "Chính quyền địa phương đã sơ tán hơn 12.000 người ở vùng trũng thấp đến nơi an toàn trước khi bão vào.\n"
            "Trung tâm Dự báo khí tượng thủy văn quốc gia cảnh báo mưa lớn còn kéo dài đến hết ngày mai."
        ),
    },
    {
        "title": "Quảng Trị, Huế sơ tán dân tránh bão số 4",
        "source": "Nhịp Sống Việt",
        "text": (
            "Hơn 12.000 người dân ở Quảng Trị và Thừa Thiên Huế đã được sơ tán trước khi bão số 4 đổ bộ.\n"
            "Bão vào đất liền lúc rạng sáng với sức gió cấp 10, giật cấp 12, gây mưa rất to trên diện rộng.\n"
            "Tại Huế, nước sông Hương dâng cao khiến một số tuyến phố ven sông bị ngập.\n"
            "Khoảng 45.000 hộ dân ở Quảng Trị bị mất điện, ngành điện đang khẩn trương khắc phục sự cố.\n"
            "Các trường học trong vùng bão đã cho học sinh nghỉ học để bảo đảm an toàn."
        ),
    },
]


def cluster_record(articles: list[dict], cluster_id: str | None = None) -> dict:
    """Our JSON record schema: {"id", "articles": [...]}."""
    record: dict = {"articles": articles}
    if cluster_id is not None:
        record["id"] = cluster_id
    return record


def abmusu_record(articles: list[dict], summary: str | None = None, category: str | None = None) -> dict:
    """The VLSP 2022 AbMuSu record schema (no id of its own)."""
    docs = []
    for a in articles:
        lines = a["text"].split("\n")
        docs.append({"title": a["title"], "anchor_text": lines[0], "raw_text": "\n".join(lines[1:])})
    record: dict = {"single_documents": docs}
    if summary:
        record["summary"] = summary
    if category:
        record["category"] = category
    return record
