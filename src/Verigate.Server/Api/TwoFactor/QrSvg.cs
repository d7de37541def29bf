using QRCoder;

namespace Verigate.Server.Api.TwoFactor;

/// <summary>The otpauth:// URI as an SVG QR code, for the enrolment screen to show without another request.</summary>
public static class QrSvg
{
    public static string For(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
