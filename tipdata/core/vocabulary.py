"""Code lists shared by several domains.

Where HTCDS 2.0 (IOM's Human Trafficking Case Data Standard) defines a value set, its value
names are used as the stored codes, so that HTCDS import and export are a matter of copying.
Country-specific lists (regions, penal-code articles, agency types) are profile data instead.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class AgeGroup(models.TextChoices):
    """Adult or child at the time of exploitation (the UNODC disaggregation)."""

    ADULT = "adult", _("Adult")
    CHILD = "child", _("Child")
    UNKNOWN = "unknown", _("Unknown")


class ExploitationForm(models.TextChoices):
    """HTCDS vic_TypeOfExploitation."""

    FORCED_LABOUR = "ForcedLabour", _("Forced labour")
    SEXUAL_EXPLOITATION = "SexualExploitation", _("Sexual exploitation")
    CHILD_LABOUR = "ChildLabour", _("Child labour")
    FORCED_MARRIAGE = "ForcedMarriage", _("Forced marriage")
    SERVITUDE = "Servitude", _("Domestic servitude")
    FORCED_MILITARY = "ForcedMilitaryByNonStateActors", _("Forced military service by armed groups")
    ORGAN_REMOVAL = "OrganRemoval", _("Organ removal")
    FORCED_BEGGING = "ForcedBegging", _("Forced begging")
    FORCED_CRIMINALITY = "ForcedCriminality", _("Forced criminality")
    FORCED_ADOPTION = "ForcedAdoption", _("Forced adoption")
    SURROGACY = "Surrogacy", _("Surrogacy")
    OTHER = "Other", _("Other")
    UNKNOWN = "Unknown", _("Unknown")


LABOUR_FORMS = frozenset(
    {
        ExploitationForm.FORCED_LABOUR,
        ExploitationForm.CHILD_LABOUR,
        ExploitationForm.SERVITUDE,
        ExploitationForm.FORCED_BEGGING,
        ExploitationForm.FORCED_CRIMINALITY,
    }
)


class Industry(models.TextChoices):
    """HTCDS vic_ForcedLabourIndustry (ISIC sections)."""

    AGRICULTURE = "A_AgricultureForestryAndFishing", _("Agriculture, forestry and fishing")
    MINING = "B_MiningAndQuarrying", _("Mining and quarrying")
    MANUFACTURING = "C_Manufacturing", _("Manufacturing")
    CONSTRUCTION = "F_Construction", _("Construction")
    TRADE = "G_WholesaleAndRetailTradeRepairOfMotorVehicles", _("Wholesale and retail trade")
    TRANSPORT = "H_TransportationAndStorage", _("Transportation and storage")
    HOSPITALITY = "I_AccommodationAndFoodServiceActivities", _("Accommodation and food service")
    DOMESTIC = "T_ActivitiesOfHouseholdsAsEmployers", _("Domestic work (households)")
    OTHER = "Other", _("Other")


class SexExploitationType(models.TextChoices):
    """HTCDS vic_TypeOfSexExploitation."""

    PROSTITUTION = "Prostitution", _("Prostitution")
    PORNOGRAPHY = "Pornography", _("Pornography")
    REMOTE = "RemoteInteractiveServices", _("Remote interactive services")
    PRIVATE = "PrivateSexualServices", _("Private sexual services")


class ControlMethod(models.TextChoices):
    """HTCDS vic_MethodsOfControl."""

    PHYSICAL_THREATS = "PhysicalThreats", _("Physical threats")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of law enforcement")
    THREATENS_FAMILY = "ThreatensChildrenFamily", _("Threats to children or family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Takes earnings")
    RESTRICTS_FINANCIAL_ACCESS = "RestrictsFinancialAccess", _("Restricts financial access")
    RESTRICTS_MEDICAL_CARE = "RestrictsMedicalCare", _("Restricts medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Withholds necessities")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse")
    PSYCHOACTIVE_SUBSTANCE = "PsychoactiveSubstance", _("Psychoactive substances")
    EXCESSIVE_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Withholds documents")
    OTHER = "Other", _("Other")


class IdentificationChannel(models.TextChoices):
    """How a person came to the attention of the authority that identified them."""

    SPECIAL_OPERATION = "special_operation", _("Special police operation")
    POLICE_INVESTIGATION = "police_investigation", _("Police investigation")
    HOTLINE = "hotline", _("Hotline")
    NGO_OUTREACH = "ngo_outreach", _("NGO outreach")
    LABOUR_INSPECTION = "labour_inspection", _("Labour inspection")
    TASKFORCE = "taskforce", _("Interagency taskforce")
    EMBASSY = "embassy", _("Embassy or consulate")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    BORDER = "border", _("Border or migration control")
    REPATRIATION = "repatriation", _("Repatriation")
    SELF_REFERRAL = "self_referral", _("Self-referral")
    OTHER = "other", _("Other")


class ServiceKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    LEGAL_AID = "legal_aid", _("Legal aid")
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    MEDICAL = "medical", _("Medical care")
    INTERPRETATION = "interpretation", _("Interpretation")
    REPATRIATION = "repatriation", _("Repatriation")
    REINTEGRATION = "reintegration", _("Reintegration")
    REHABILITATION = "rehabilitation", _("Rehabilitation")
    WITNESS_PROTECTION = "witness_protection", _("Witness protection")
    REFLECTION_PERIOD = "reflection_period", _("Reflection period")
    TEMPORARY_RESIDENCE = "temporary_residence", _("Temporary residence")
    DEPORTATION_RELIEF = "deportation_relief", _("Deportation relief")
    ASYLUM = "asylum", _("Asylum")
    COMPENSATION_CLAIM = "compensation_claim", _("Compensation claim")
    BASIC_PROVISIONS = "basic_provisions", _("Food, clothing and basic provisions")
    OTHER = "other", _("Other")


class Funding(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    DONOR = "donor", _("Donor")
    MIXED = "mixed", _("Government and donor")
    OTHER = "other", _("Other or unknown")
