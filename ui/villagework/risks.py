"""The risk assessments tab: social-stability risk assessments (社会稳定风险评估) of projects, their
steps (public notice and hearing, expert consultation, survey) and the decision."""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop import villagedays as vd
from desktop.vocab import ProjectKind, RiskDecision, RiskLevel, RiskStepKind
from ui.forms import date_edit, pydate
from ui.text import fill, literal, plain_label
from ui.villagework.common import (
    LATE,
    ROW,
    Host,
    Section,
    WorkForm,
    count_spin,
    decision_label,
    detail_label,
    master_detail,
    optional_count,
    project_kind_label,
    risk_label,
    step_label,
    tree,
)


class RisksSection(Section):
    """The assessments of the town (or of every town), the selected one's steps."""

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.assessments: list[vd.AssessmentRow] = []
        layout = QVBoxLayout(self)
        self.risk_tree = tree(
            [self.tr("Project"), self.tr("Town"), self.tr("Steps"), self.tr("Risk"), self.tr("Decision")],
            stretch=0,
        )
        self.risk_tree.currentItemChanged.connect(lambda *_a: self._risk_selected())
        self.risk_detail = detail_label()
        self.step_tree = tree(
            [self.tr("Date"), self.tr("Step"), self.tr("Result"), self.tr("For / against")], 2
        )
        self.step_tree.setWordWrap(True)
        self.step_tree.setUniformRowHeights(False)
        layout.addWidget(master_detail(self.risk_tree, self.risk_detail, self.step_tree), 1)
        row, _made = self.button_row(
            (self.tr("New assessment…"), self.new_assessment),
            (self.tr("Add step…"), self.add_step),
            (self.tr("Decide…"), self.decide),
        )
        layout.addLayout(row)

    def load(self) -> None:
        sessions, actor, town = self.host.sessions, self.host.actor, self.host.town_id()
        self.host.begin("risks")

        def read_risks() -> list[vd.AssessmentRow]:
            with sessions() as s:
                return vd.assessments(s, actor, town)

        self.host.runner.submit(read_risks, self._risks_loaded, self.host.failed("risks"))

    def _risks_loaded(self, rows: list[vd.AssessmentRow]) -> None:
        selected = self.selected_assessment()
        self.assessments = rows
        self.risk_tree.clear()
        current = None
        for i, a in enumerate(rows):
            item = QTreeWidgetItem(
                [
                    a.project,
                    a.town,
                    f"{len(a.steps_done)}/{len(vd.REQUIRED_STEPS)}",
                    risk_label(a.risk_level),
                    decision_label(a.decision),
                ]
            )
            item.setData(0, ROW, i)
            item.setToolTip(0, literal(f"{a.project}\n{a.owner_unit}"))
            if a.risk_level == RiskLevel.HIGH:
                item.setForeground(3, QBrush(LATE))
            if a.decision == RiskDecision.HALT:
                item.setForeground(4, QBrush(LATE))
            self.risk_tree.addTopLevelItem(item)
            if selected is not None and selected.id == a.id:
                current = item
        if current is None and self.risk_tree.topLevelItemCount():
            current = self.risk_tree.topLevelItem(0)
        if current is not None:
            self.risk_tree.setCurrentItem(current)
        decided = sum(a.decision is not None for a in rows)
        halted = sum(a.decision == RiskDecision.HALT for a in rows)
        self.host.loaded(
            "risks",
            fill(self.tr("%1 assessments: %2 decided, %3 halted"), len(rows), decided, halted),
        )
        self._risk_selected()

    def selected_assessment(self) -> vd.AssessmentRow | None:
        item = self.risk_tree.currentItem()
        if item is None:
            return None
        index = item.data(0, ROW)
        return self.assessments[index] if isinstance(index, int) and index < len(self.assessments) else None

    def _risk_selected(self) -> None:
        a = self.selected_assessment()
        self.step_tree.clear()
        if a is None:
            self.risk_detail.setText(self.tr("Select an assessment."))
            return
        lines = [
            fill(
                self.tr("%1 · %2 · owner %3 · started %4"),
                project_kind_label(a.project_kind),
                a.town,
                a.owner_unit,
                a.started_on.isoformat(),
            )
        ]
        if a.decision is not None:
            lines.append(
                fill(
                    self.tr("Risk %1, decision: %2 — %3, %4"),
                    risk_label(a.risk_level),
                    decision_label(a.decision),
                    a.decided_by,
                    a.decided_on.isoformat() if a.decided_on else "",
                )
            )
            if a.measures:
                lines.append(fill(self.tr("Measures: %1"), a.measures))
        else:
            missing = [step_label(k) for k in vd.REQUIRED_STEPS if k not in a.steps_done]
            if missing:
                lines.append(fill(self.tr("Still to do before a decision: %1"), "、".join(missing)))
            else:
                lines.append(self.tr("Every step is recorded: ready for a decision."))
        self.risk_detail.setText("\n".join(lines))
        sessions, actor, aid = self.host.sessions, self.host.actor, a.id

        def read() -> tuple[int, list[vd.StepRow]]:
            with sessions() as s:
                return aid, vd.steps_of(s, actor, aid)

        self.host.begin("steps", announce=False)
        self.host.runner.submit(read, self._steps_loaded, self.host.failed("steps"))

    def _steps_loaded(self, result: tuple[int, list[vd.StepRow]]) -> None:
        aid, steps = result
        self.host.end("steps")
        a = self.selected_assessment()
        if a is None or a.id != aid:
            return
        self.step_tree.clear()
        for st in steps:
            votes = ""
            if st.votes_for is not None or st.votes_against is not None:
                votes = f"{st.votes_for or 0} / {st.votes_against or 0}"
            item = QTreeWidgetItem([st.held_on.isoformat(), step_label(st.kind), st.result, votes])
            item.setToolTip(2, literal(st.result))
            self.step_tree.addTopLevelItem(item)

    def new_assessment(self) -> WorkForm:
        dialog = self.form(self.tr("New stability risk assessment"))
        towns = self.town_field(dialog)
        project = QLineEdit()
        dialog.add_row(self.tr("Project"), project)
        kind = QComboBox()
        for k in ProjectKind:
            kind.addItem(project_kind_label(k), str(k))
        dialog.add_row(self.tr("Project kind"), kind)
        owner = QLineEdit()
        dialog.add_row(self.tr("Owner unit"), owner)
        started = dialog.add_row(self.tr("Started"), date_edit(self.host.today()))
        sessions, actor = self.host.sessions, self.host.actor

        def build() -> vd.AssessmentForm:
            return vd.AssessmentForm(
                int(towns.currentData()),
                project.text(),
                ProjectKind(kind.currentData()),
                owner.text(),
                pydate(started.date()),  # type: ignore[attr-defined]
            )

        dialog.build = build
        dialog.work = lambda form: vd.add_assessment(sessions, actor, form)
        dialog.open()
        return dialog

    def add_step(self) -> WorkForm | None:
        a = self.selected_assessment()
        if a is None:
            return None
        dialog = self.form(self.tr("Assessment step"))
        dialog.add_row(self.tr("Project"), plain_label(a.project))
        kind = QComboBox()
        for k in RiskStepKind:
            kind.addItem(step_label(k), str(k))
        missing = next((k for k in vd.REQUIRED_STEPS if k not in a.steps_done), None)
        if missing is not None:
            kind.setCurrentIndex(kind.findData(str(missing)))
        dialog.add_row(self.tr("Step"), kind)
        held = dialog.add_row(self.tr("Date"), date_edit(self.host.today()))
        result = QPlainTextEdit()
        result.setPlaceholderText(self.tr("What was published, heard or advised, and the conclusion"))
        dialog.add_row(self.tr("Result"), result)
        participants, votes_for, votes_against, suggestions = (count_spin() for _ in range(4))
        dialog.add_row(self.tr("Participants"), participants)
        dialog.add_row(self.tr("For"), votes_for)
        dialog.add_row(self.tr("Against"), votes_against)
        dialog.add_row(self.tr("Suggestions"), suggestions)
        sessions, actor, aid = self.host.sessions, self.host.actor, a.id

        def build() -> vd.StepForm:
            return vd.StepForm(
                aid,
                RiskStepKind(kind.currentData()),
                pydate(held.date()),  # type: ignore[attr-defined]
                result.toPlainText(),
                optional_count(participants),
                optional_count(votes_for),
                optional_count(votes_against),
                optional_count(suggestions),
            )

        dialog.build = build
        dialog.work = lambda form: vd.add_step(sessions, actor, form)
        dialog.open()
        return dialog

    def decide(self) -> WorkForm | None:
        a = self.selected_assessment()
        if a is None:
            return None
        dialog = self.form(self.tr("Decision on the project"))
        dialog.add_row(self.tr("Project"), plain_label(a.project))
        level = QComboBox()
        for lv in RiskLevel:
            level.addItem(risk_label(lv), str(lv))
        dialog.add_row(self.tr("Risk level"), level)
        decision = QComboBox()
        for d in RiskDecision:
            decision.addItem(decision_label(d), str(d))
        dialog.add_row(self.tr("Decision"), decision)
        measures = QPlainTextEdit()
        measures.setPlaceholderText(self.tr("Measures to defuse the risk (required with measures)"))
        dialog.add_row(self.tr("Measures"), measures)
        who = QLineEdit()
        dialog.add_row(self.tr("Decided by"), who)
        on = dialog.add_row(self.tr("Decided on"), date_edit(self.host.today()))
        sessions, actor, aid = self.host.sessions, self.host.actor, a.id

        def build() -> vd.DecisionForm:
            return vd.DecisionForm(
                aid,
                RiskLevel(level.currentData()),
                RiskDecision(decision.currentData()),
                who.text(),
                pydate(on.date()),  # type: ignore[attr-defined]
                measures.toPlainText(),
            )

        dialog.build = build
        dialog.work = lambda form: vd.decide(sessions, actor, form)
        dialog.open()
        return dialog
