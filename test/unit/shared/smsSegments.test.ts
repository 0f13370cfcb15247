import { describe, expect, it } from 'vitest';
import { smsLength } from '../../../src/shared/smsSegments.js';

describe('SMS length in GSM-7', () => {
  it('an empty message is GSM-7 with no characters', () => {
    expect(smsLength('')).toEqual({ encoding: 'GSM-7', units: 0, parts: 1 });
  });

  it('160 plain characters fit in one SMS', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
  });

  it('161 plain characters take two SMS', () => {
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, parts: 2 });
  });

  it('a long message is split 153 characters per part', () => {
    expect(smsLength('a'.repeat(306))).toEqual({ encoding: 'GSM-7', units: 306, parts: 2 });
    expect(smsLength('a'.repeat(307))).toEqual({ encoding: 'GSM-7', units: 307, parts: 3 });
    expect(smsLength('a'.repeat(459))).toEqual({ encoding: 'GSM-7', units: 459, parts: 3 });
    expect(smsLength('a'.repeat(460))).toEqual({ encoding: 'GSM-7', units: 460, parts: 4 });
  });

  it.each(['^', '{', '}', '[', ']', '~', '|', '€', '\\'])('the extension character %s counts twice', (ch) => {
    expect(smsLength(ch)).toEqual({ encoding: 'GSM-7', units: 2, parts: 1 });
    expect(smsLength(`Ref ${ch}1`)).toEqual({ encoding: 'GSM-7', units: 7, parts: 1 });
  });

  it('80 extension characters fill one SMS and 81 take two', () => {
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(smsLength('€'.repeat(81))).toEqual({ encoding: 'GSM-7', units: 162, parts: 2 });
  });

  it('one extension character pushes 159 plain characters into a second SMS', () => {
    expect(smsLength('a'.repeat(159) + '[')).toEqual({ encoding: 'GSM-7', units: 161, parts: 2 });
  });

  it('GSM-7 letters with accents, digits, punctuation and new lines stay GSM-7 and count once', () => {
    const text = 'Ñé à ü Ä Ø Å ß £ $ ¥ @ _ ! ? # % & ( ) * + , - . / : ; < = > ¡ ¿ § 0123456789\n"\'';
    expect(smsLength(text)).toEqual({ encoding: 'GSM-7', units: [...text].length, parts: 1 });
  });

  it('plain Kiswahili text is GSM-7', () => {
    const text = 'Habari Wanjiku, ombi lako la leseni ya mwaka 2026 limeidhinishwa. Lipa KES 1,500.00 ' + 'kwa nambari ya bili LB23456789X. Asante, KMLTTB.';
    expect(text.length).toBe(132);
    expect(smsLength(text)).toEqual({ encoding: 'GSM-7', units: 132, parts: 1 });
  });

  it('the English approval message is GSM-7', () => {
    const text = 'Dear Otieno, your 2026 licence application is approved. Pay KES 2,000.00 to paybill, account LB3456789AB.';
    expect(smsLength(text)).toEqual({ encoding: 'GSM-7', units: text.length, parts: 1 });
  });
});

describe('SMS length in UCS-2', () => {
  it('an emoji makes the message UCS-2 and takes two units', () => {
    expect(smsLength('Asante 😀')).toEqual({ encoding: 'UCS-2', units: 9, parts: 1 });
  });

  it('curly quotes make the message UCS-2', () => {
    expect(smsLength('Your licence is at the ‘Nairobi’ centre')).toEqual({ encoding: 'UCS-2', units: 39, parts: 1 });
    expect(smsLength('He said “collected”')).toEqual({ encoding: 'UCS-2', units: 19, parts: 1 });
  });

  it('a letter outside GSM-7 makes the message UCS-2', () => {
    expect(smsLength('Mwangi ç')).toEqual({ encoding: 'UCS-2', units: 8, parts: 1 });
    expect(smsLength('Ōkubo')).toEqual({ encoding: 'UCS-2', units: 5, parts: 1 });
  });

  it('one non-GSM character anywhere turns the whole message into UCS-2', () => {
    const text = 'a'.repeat(100) + '’';
    expect(smsLength(text)).toEqual({ encoding: 'UCS-2', units: 101, parts: 2 });
  });

  it('70 UCS-2 characters fit in one SMS and 71 take two', () => {
    expect(smsLength('ж'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, parts: 1 });
    expect(smsLength('ж'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, parts: 2 });
  });

  it('a long UCS-2 message is split 67 characters per part', () => {
    expect(smsLength('ж'.repeat(134))).toEqual({ encoding: 'UCS-2', units: 134, parts: 2 });
    expect(smsLength('ж'.repeat(135))).toEqual({ encoding: 'UCS-2', units: 135, parts: 3 });
  });

  it('in UCS-2 extension characters count once', () => {
    expect(smsLength('€ж')).toEqual({ encoding: 'UCS-2', units: 2, parts: 1 });
  });

  it('35 emoji fill one SMS and 36 take two', () => {
    expect(smsLength('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, parts: 1 });
    expect(smsLength('😀'.repeat(36))).toEqual({ encoding: 'UCS-2', units: 72, parts: 2 });
  });
});

describe('SMS parts at the boundaries: no character is split across two parts', () => {
  it('an extension character whose escape would end a 153-septet part moves whole to the next part', () => {
    // 152 plain, then € (2 septets): 154 septets, which need two parts in any case.
    expect(smsLength('a'.repeat(152) + '€' + 'a'.repeat(10))).toEqual({ encoding: 'GSM-7', units: 164, parts: 2 });
    // 306 septets would fill two parts exactly, but the € straddles 153: a third part.
    expect(smsLength('a'.repeat(152) + '€' + 'a'.repeat(152))).toEqual({ encoding: 'GSM-7', units: 306, parts: 3 });
  });

  it('an extension character that ends a part exactly stays in it', () => {
    expect(smsLength('a'.repeat(151) + '€' + 'a'.repeat(153))).toEqual({ encoding: 'GSM-7', units: 306, parts: 2 });
    expect(smsLength('a'.repeat(151) + '€' + 'a'.repeat(154))).toEqual({ encoding: 'GSM-7', units: 307, parts: 3 });
  });

  it('extension characters only: 76 fit in a part of 153 septets, so 153 of them take three parts', () => {
    expect(smsLength('{'.repeat(81))).toEqual({ encoding: 'GSM-7', units: 162, parts: 2 });
    expect(smsLength('{'.repeat(152))).toEqual({ encoding: 'GSM-7', units: 304, parts: 2 });
    expect(smsLength('{'.repeat(153))).toEqual({ encoding: 'GSM-7', units: 306, parts: 3 });
  });

  it('160 septets with an extension character at the very end fit one SMS', () => {
    expect(smsLength('a'.repeat(158) + '~')).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
  });

  it('an emoji whose two code units would straddle a 67-unit part moves whole to the next part', () => {
    expect(smsLength('ж'.repeat(66) + '😀' + 'ж'.repeat(66))).toEqual({ encoding: 'UCS-2', units: 134, parts: 3 });
    expect(smsLength('ж'.repeat(65) + '😀' + 'ж'.repeat(67))).toEqual({ encoding: 'UCS-2', units: 134, parts: 2 });
  });

  it('67 code units per part exactly: 201 take three parts and 202 take four', () => {
    expect(smsLength('ж'.repeat(201))).toEqual({ encoding: 'UCS-2', units: 201, parts: 3 });
    expect(smsLength('ж'.repeat(202))).toEqual({ encoding: 'UCS-2', units: 202, parts: 4 });
  });

  it('a 71-unit message of emoji and one letter takes two parts', () => {
    expect(smsLength('😀'.repeat(35) + 'ж')).toEqual({ encoding: 'UCS-2', units: 71, parts: 2 });
  });
});
