"""A PDF shown as it will print, with printing and saving a copy.

Shared by the Reports screen and the consultation record: what is previewed is
the very file that is printed or saved.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QVBoxLayout, QWidget

PRINT_DPI = 300
class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def load(self, path: Path) -> None:
        self.path = path
        self.document.load(str(path))

    def save_copy(self, target: Path) -> None:
        """Copy the previewed file; a failure leaves no partial file behind."""
        assert self.path is not None
        partial = target.with_name(f".{target.name}.part")
        try:
            shutil.copyfile(self.path, partial)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)

    def ask_and_print(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
            return True
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Each page rendered at print resolution, fitted to the paper; False if it could not
        start."""
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                size = QSize(int(points.width() / 72 * PRINT_DPI),
                             int(points.height() / 72 * PRINT_DPI))
                scale = min(target.width() / size.width(), target.height() / size.height())
                area = QRectF(QPointF(0, 0), size.toSizeF() * scale)
                painter.drawImage(area, self.document.render(page, size))
        finally:
            painter.end()
        return True
