"""Vietnamese function syllables: a concept made only of these carries no content."""

STOP_SYLLABLES = frozenset(
    """
    à á ạ ai anh bị bởi các cái cần càng chỉ chiếc cho chứ chưa chúng cùng cũng có của cứ đã đang
    để đến đều điều do đó được gì hay hơn khi không là lại lên lúc mà mình mới một này nên nếu
    người nhiều như nhưng những nơi nữa ở ra rằng rất rồi sau sẽ so sự tại theo thì trên trong
    từ tới vẫn vào vì việc với vừa và về vậy ông bà đây kia nào ấy hai ba bốn năm các thế thể
    """.split()
)
