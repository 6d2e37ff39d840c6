"""The only code that writes raw WordprocessingML and measures text with font metrics; everything
above speaks in NĐ 30 terms."""
