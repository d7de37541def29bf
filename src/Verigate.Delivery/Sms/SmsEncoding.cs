namespace Verigate.Delivery.Sms;

/// <summary>The two ways an SMS carries text.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit alphabet: 160 characters, 153 per part when split.</summary>
    Gsm7,

    /// <summary>UTF-16: 70 characters, 67 per part when split. One character outside GSM-7 forces it.</summary>
    Ucs2,
}
