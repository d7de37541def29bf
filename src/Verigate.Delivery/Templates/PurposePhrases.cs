using Verigate.Core.Challenges;

namespace Verigate.Delivery.Templates;

/// <summary>What a code is for, in words, so nobody can be talked into reading out a code meant for something else.</summary>
internal static class PurposePhrases
{
    public static string For(string template, string product) => template switch
    {
        // account flows (challenge purposes)
        "sign_up" => $"to confirm your new {product} account",
        "new_device" => "to sign in on a new device",
        "password_reset" => $"to reset your {product} password",
        "contact_change" => $"to confirm a new contact for your {product} account",
        "step_up" => "to confirm it's you",

        // Verify API purposes
        "login" => $"to sign in to {product}",
        "signup" => $"to finish signing up for {product}",
        "two_factor" => "to turn on two-step verification",
        "link_account" => "to link your account to another service",
        "transaction" => "to approve a transaction",
        _ => $"to verify it's you on {product}",
    };

    public static string For(Challenge challenge, string product) => For(challenge.Label ?? challenge.Purpose.ToName(), product);
}
