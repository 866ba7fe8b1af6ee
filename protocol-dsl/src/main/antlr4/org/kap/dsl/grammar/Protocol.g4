/*
 * The KAP protocol language. A protocol is a header and sections; every rule starts with
 * "rule ID" and reads as a sentence a clinician can follow. Keywords are lower case; rule ids are
 * upper case words joined by '-'. Newlines carry no meaning; '#' starts a comment.
 * The parser only knows the shape: vocabulary, units and ranges are the checker's business, so that
 * a misspelt vital or unit gets a precise message instead of a syntax error.
 */
grammar Protocol;

// a protocol, or a library of value sets that protocols import (library "kap-terms" version 1, then value sets)
protocolFile : header section* EOF ;

header     : kind=('protocol' | 'library') id=STRING 'version' version=NUMBER headerItem* ;
headerItem : 'title' STRING                                   # title
           | 'status' WORD                                    # status
           | 'indications' ':' words                          # indications
           | 'import' words 'from' library=STRING 'version' libraryVersion=NUMBER   # importSets
           ;

section : 'screening' ':' screeningRule*                     # screeningSection
        | 'dosing' 'route' route=WORD ':' doseRule*           # dosingSection
        | 'spacing' ':' spacingRule*                          # spacingSection
        | 'sequencing' ':' sequencingRule*                    # sequencingSection
        | 'session' ':' sessionRule*                          # sessionSection
        | 'vitals' ':' triggerRule*                           # vitalsSection
        | 'observation' ':' observationRule*                  # observationSection
        | 'discharge' ':' dischargeRule*                      # dischargeSection
        | 'adverse' 'events' ':' adverseRule*                 # adverseSection
        | 'obligations' ':' obligationRule*                   # obligationSection
        | 'outcomes' ':' outcomeRule*                         # outcomeSection
        | 'value' 'sets' ':' valueSetDef*                     # valueSetSection
        ;

ruleHead    : 'rule' id=WORD enforcement? ':' ;
enforcement : 'absolute'                                      # absolute
            | 'relative' ('override' 'by' role=WORD)?         # relative
            | 'warning'                                       # warning
            ;
ruleTail    : ('message' message=STRING)? ('cite' cite=STRING)? ;

// ---- screening -----------------------------------------------------------------------------
screeningRule : ruleHead verb=('exclude' | 'warn') 'when' condition (',' 'if' 'found' 'later' ':' actions)? ruleTail
              | ruleHead 'require' factName (',' factName)* ruleTail
              ;
factName      : WORD | 'weight' ;
abstinence    : 'within' quantity ;
takenBefore   : 'taken' 'within' quantity 'before' 'dose' ;
condition     : conjunction ('or' conjunction)* ;
conjunction   : atom ('and' atom)* ;
atom          : '(' condition ')'                             # nested
              | field=WORD 'in' (list | valueSet=WORD) (abstinence | takenBefore)?   # membership
              | field=WORD comparator quantity                # comparison
              | flag=WORD                                     # flag
              ;

// ---- dosing --------------------------------------------------------------------------------
// a limit for some clients only: first dose 28 mg when age >= 65 years
doseRule   : ruleHead doseClause ('when' forClients=condition)? ruleTail ;
doseClause : 'doses' quantity (',' quantity)* ('or' quantity)?   # allowedDoses
           | 'first' 'dose' quantity                             # firstDose
           | 'start' 'at' 'most' quantity                        # startDose
           | 'max' quantity 'per' 'session'                      # sessionMaximum
           | 'step' 'at' 'most' quantity                         # titrationStep
           | 'infusion' 'over' 'at' 'least' quantity             # infusionDuration
           | 'infusion' 'rate' 'at' 'most' quantity              # infusionRate
           | 'at' 'most' quantity 'per' quantity                 # cumulative
           | 'weight' 'measured' 'within' quantity               # weightRecency
           ;

// ---- spacing -------------------------------------------------------------------------------
spacingRule   : ruleHead spacingClause ruleTail ;
spacingClause : 'interval' 'at' 'least' quantity                                     # minimumInterval
              | 'at' 'most' count=NUMBER 'sessions' 'per' window                     # frequency
              | 'weeks' from=NUMBER ('-' to=NUMBER | open='+') ':'
                    'at' 'most' count=NUMBER 'sessions' 'per' window                  # phase
              ;
window        : quantity 'rolling'?                                                  # rollingWindow
              | 'calendar' 'week'                                                    # calendarWeek
              ;

// ---- sequencing ----------------------------------------------------------------------------
sequencingRule : ruleHead sequencingClause ruleTail ;
sequencingClause : count=NUMBER 'preparation' 'sessions' 'before' 'first' 'dose'               # preparation
                 | 'integration' ('for' words)? 'within' quantity 'to' quantity 'after' 'discharge'  # integrationWindow
                 | 'integration' 'before' 'next' 'dose'                                        # integrationBeforeNextDose
                 ;

// ---- session start -------------------------------------------------------------------------
// a requirement for some clients only: require prescriber_on_site when age >= 65 years
sessionRule   : ruleHead sessionClause ('when' forClients=condition)? ruleTail ;
sessionClause : 'require' WORD                                # settingRequirement
              | 'pre-dose' vitalRequirement                   # preDoseVital
              | 'pre-dose' 'vitals' 'within' quantity         # preDoseRecency
              | 'approval' 'valid' 'for' quantity             # approvalValidity
              ;

// pre-dose systolic <= 140 mmHg and diastolic <= 90 mmHg; 'and' binds tighter than 'or'
vitalRequirement     : vitalRequirementAll ('or' vitalRequirementAll)* ;
vitalRequirementAll  : vitalRequirementAtom ('and' vitalRequirementAtom)* ;
vitalRequirementAtom : '(' vitalRequirement ')'                    # nestedRequirement
                     | field=WORD comparator quantity              # boundRequirement
                     ;

// ---- in-session vitals ---------------------------------------------------------------------
triggerRule    : ruleHead 'when' triggerCondition ('on' readings=NUMBER 'readings' quantity 'apart')? ':' actions ruleTail ;
// systolic > 180 mmHg or diastolic > 110 mmHg; 'and' binds tighter than 'or'
triggerCondition : triggerAll ('or' triggerAll)* ;
triggerAll       : triggerAtom ('and' triggerAtom)* ;
triggerAtom      : '(' triggerCondition ')'                            # nestedTrigger
                 | vitalCondition                                      # singleTrigger
                 ;
vitalCondition : field=WORD comparator quantity                      # absoluteVital
               | field=WORD 'rise' '>=' quantity 'over' 'baseline'   # riseOverBaseline
               ;
actions        : action (',' action)* ;
action         : 'extend' 'observation' 'by' quantity                                   # extendObservation
               | 'record' 'adverse' 'event' type=WORD 'grade' grade=NUMBER ('serious' list)?  # raiseAdverseEvent
               | 'stop' 'session'                                                       # stopSession
               | 'halt' 'course'                                                        # haltCourse
               | 'create' kind=WORD 'due' 'within' quantity blocking?                   # createObligation
               ;
blocking       : 'blocking' 'dosing' 'when' 'overdue' ;

// ---- observation and discharge -------------------------------------------------------------
observationRule   : ruleHead observationClause ruleTail ;
observationClause : 'at' 'least' quantity 'after' anchor=WORD                                      # observationMinimum
                  | 'check' words 'at' offset=quantity ('+/-' tolerance=quantity)? 'after' anchor=WORD  # scheduledCheck
                  | 'extend' 'by' quantity 'when' condition                                         # observationExtension
                  | 'on' words ':' actions                                                          # endedOtherwise
                  ;
dischargeRule     : ruleHead dischargeClause ruleTail ;
dischargeClause   : 'when' dischargeCondition                                  # dischargeWhen
                  | 'escort' 'required'                                        # escortRequired
                  | 'no' 'driving'                                             # noDriving
                  ;
// padss >= 9 or aldrete >= 9; 'and' binds tighter than 'or'
dischargeCondition : dischargeAll ('or' dischargeAll)* ;
dischargeAll       : dischargeAtom ('and' dischargeAtom)* ;
dischargeAtom      : '(' dischargeCondition ')'                           # nestedDischarge
                   | field=WORD comparator quantity                       # dischargeBound
                   | field=WORD 'within' quantity 'of' 'baseline'         # dischargeNearBaseline
                   ;

// ---- adverse events, obligations, outcomes -------------------------------------------------
// on hypertension grade >= 3 or arrhythmia grade >= 2: ... ; 'or serious' right after a grade belongs to that alternative
// (parentheses say so explicitly); 'and serious' asks for both: on any grade >= 2 and serious: ...
adverseRule    : ruleHead 'on' adverseMatch ('or' adverseMatch)* ':' actions ruleTail ;
adverseMatch   : 'serious'                                                    # seriousOnly
               | ('any' | words) severity?                                    # byTypeAndGrade
               ;
// without a grade, 'or serious' keeps the meaning it always had: that type at any grade (serious or not)
severity       : 'grade' '>=' grade=NUMBER (join=('or' | 'and') 'serious')?
               | '(' 'grade' '>=' grade=NUMBER join=('or' | 'and') 'serious' ')'
               | join=('or' | 'and') 'serious'
               ;
obligationRule : ruleHead 'after' 'each' 'session' ':' kind=WORD 'due' 'within' quantity blocking? ruleTail ;
outcomeRule    : ruleHead outcomeClause ruleTail ;
outcomeClause  : 'measure' WORD                                                                # measure
               | 'review' 'after' count=NUMBER 'sessions' ('unless' WORD 'improved' 'by' quantity)?  # reviewPoint
               ;

// ---- value sets ----------------------------------------------------------------------------
// set psychotic_disorders version 1:
//   words schizophrenia, psychotic_disorder
//   icd-10-cm F20-F29, F31.2
//   snomed-ct 58214004
//   cite "ICD-10-CM FY2025 tabular list"
valueSetDef : 'set' name=WORD ('version' version=NUMBER)? ':' memberGroup* ('cite' cite=STRING)? ;
memberGroup : 'words' WORD (',' WORD)*                        # wordMembers
            | system=WORD codeItem (',' codeItem)*            # codeMembers
            ;
codeItem    : from=code ('-' to=code)? ;
code        : WORD | NUMBER | CODE | STRING ;

// ---- values --------------------------------------------------------------------------------
comparator : '<' | '<=' | '>' | '>=' | '=' | '!=' ;
quantity   : NUMBER unit? ;
unit       : WORD ('/' WORD)* | '%' | 'week' | 'weeks' ;
list       : '[' value (',' value)* ']' ;
value      : WORD | STRING ;
words      : WORD (',' WORD)* ;

NUMBER  : [0-9]+ ('.' [0-9]+)? ;
// a code with a dot, such as ICD-10-CM F20.9 (a plain F20 is a WORD, 58214004 a NUMBER)
CODE    : [A-Za-z] [A-Za-z0-9]* '.' [A-Za-z0-9]+ ;
STRING  : '"' (~["\\\r\n] | '\\' .)* '"' ;
WORD    : [A-Za-z_] [A-Za-z0-9_]* ('-' [A-Za-z0-9_]+)* ;
COMMENT : '#' ~[\r\n]* -> skip ;
WS      : [ \t\r\n]+ -> skip ;
// anything else is one bad character, reported by the parser, never a lexer crash
OTHER   : . ;
