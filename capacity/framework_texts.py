# ruff: noqa: E501
"""The seeded framework's texts, marked for translation.

Migration 0002 stores them in English; `capacity.models.framework.label()` translates them
when they are shown. Keep this list and the migration in step (tests/capacity/
test_assessment.py checks it).
"""

from django.utils.translation import gettext_noop

TEXTS = [
    gettext_noop("Mutual organisational capacity framework"),
    gettext_noop(
        "Ten institutional domains every member organisation assesses, itself and its partners, plus how an international organisation behaves as a partner."
    ),
    gettext_noop("Nascent"),
    gettext_noop("Little or nothing is in place yet; the organisation depends on others for this."),
    gettext_noop("Emerging"),
    gettext_noop("Some practices exist but are informal, patchy or depend on a few people."),
    gettext_noop("Established"),
    gettext_noop("Practices are written down, known by staff and mostly followed."),
    gettext_noop("Mature"),
    gettext_noop(
        "Practices are embedded, reviewed regularly and the organisation can support others."
    ),
    gettext_noop("Governance and leadership"),
    gettext_noop("The board or governing body meets regularly and oversees strategy and finances."),
    gettext_noop("Leadership is shared and decisions are documented and explained to staff."),
    gettext_noop("The organisation has a current strategy that staff and partners know."),
    gettext_noop("Financial management"),
    gettext_noop("Budgets, accounts and reports are produced on time and reconcile."),
    gettext_noop("Internal controls separate duties for approving, paying and recording."),
    gettext_noop("The organisation is audited regularly and acts on the findings."),
    gettext_noop("People and well-being"),
    gettext_noop("Staff have clear roles, fair contracts and regular supervision."),
    gettext_noop("Staff well-being and workload are discussed and acted upon."),
    gettext_noop("Staff have time and budget for their own learning."),
    gettext_noop("Programme quality"),
    gettext_noop("Programmes are designed with the people they serve."),
    gettext_noop("Activities are adapted when the context changes."),
    gettext_noop("Technical standards in the organisation's field are known and applied."),
    gettext_noop("Monitoring, evaluation, accountability and learning (MEAL)"),
    gettext_noop("Results are tracked against agreed indicators with reliable data."),
    gettext_noop("Findings are discussed and used to change what the organisation does."),
    gettext_noop("Target groups can see and discuss the results."),
    gettext_noop("Safeguarding and PSEA"),
    gettext_noop(
        "A safeguarding and PSEA policy exists and every staff member has been trained on it."
    ),
    gettext_noop("People can report concerns safely, and reports are handled confidentially."),
    gettext_noop("Partners and suppliers are held to the same safeguarding standards."),
    gettext_noop("Advocacy and networks"),
    gettext_noop("The organisation takes part in networks and coordination fora."),
    gettext_noop("It influences decision makers with evidence from its work."),
    gettext_noop("It speaks for itself in public and in front of donors."),
    gettext_noop("Resource mobilisation"),
    gettext_noop("Income comes from several sources; no single donor dominates."),
    gettext_noop("The organisation writes its own proposals and keeps donor relations."),
    gettext_noop("It holds reserves to survive a gap in funding."),
    gettext_noop("Digital and data security"),
    gettext_noop("Personal and sensitive data are protected and kept only as long as needed."),
    gettext_noop("Devices and accounts are secured, backed up and kept up to date."),
    gettext_noop("Staff know how to work safely online."),
    gettext_noop("Partnership practice"),
    gettext_noop("The organisation shares information with partners openly and on time."),
    gettext_noop("It gives and takes feedback and acts on it."),
    gettext_noop("It honours what was agreed in the partnership."),
    gettext_noop("As a partner to local organisations"),
    gettext_noop("Pays partners on time, as agreed."),
    gettext_noop("Shares overhead and indirect costs fairly with partners."),
    gettext_noop("Respects decisions that are the local partner's to make."),
    gettext_noop("Knows the local context and listens to those who know it better."),
]
