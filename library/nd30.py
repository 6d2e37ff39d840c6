"""The fixed wording Nghị định 30/2020 prescribes (Phụ lục I, II.1), shared by the layout that writes
it and the checker that verifies it."""

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#: The decree's text writes "HÒA"; its own sample table writes "HOÀ". Both are accepted when checking.
NATIONAL_NAMES = (NATIONAL_NAME, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
MOTTO = "Độc lập - Tự do - Hạnh phúc"
